"""Writing findings on texts with known properties."""

import textstat

from research.domain.assessment_criteria import AssessmentCriterion
from research.services.writing.analysis import SectionText, analyse_texts, grade, section_facts
from research.services.writing.findings import Kind

REPEATED = (
    "Our cohort of two thousand households in Otago gives the study the statistical power it needs to detect change."
)


def analyse(*bodies: str, criteria: tuple[AssessmentCriterion, ...] = ()):
    texts = tuple(SectionText(n, f"s{n}", f"Section {n}", 1, body) for n, body in enumerate(bodies, start=1))
    return analyse_texts(1, texts, criteria)


def kinds(section) -> list[str]:
    return [f.kind for f in section.findings]


def test_an_acronym_used_before_its_definition_is_found_where_it_is_used():
    result = analyse(
        "The HRC funds health research.",
        "The Health Research Council (HRC) funds projects. The HRC is in Auckland.",
    )
    first, second = result.sections
    (finding,) = [f for f in first.findings if f.kind == Kind.ACRONYM]
    assert finding.sentence == "The HRC funds health research."
    assert "“HRC”" in finding.message and "s2" in finding.message
    assert Kind.ACRONYM not in kinds(second)


def test_an_acronym_defined_first_is_fine_and_one_never_defined_is_named():
    result = analyse("The Marsden Fund (MF) is contestable. The MF funds ideas. We use the ZQX scale.")
    found = {f.kind: f for f in result.sections[0].findings}
    assert Kind.ACRONYM not in found
    assert found[Kind.ACRONYM_UNDEFINED].message == "“ZQX” is never spelled out."


def test_a_passage_repeated_in_two_sections_is_found_in_both():
    result = analyse(f"Aims first. {REPEATED}", f"{REPEATED} Methods follow.", "Nothing repeated here at all.")
    first, second, third = result.sections
    assert [f.sentence for f in first.findings if f.kind == Kind.REPEATED] == [REPEATED]
    assert "“s2”" in next(f.message for f in first.findings if f.kind == Kind.REPEATED)
    assert "“s1”" in next(f.message for f in second.findings if f.kind == Kind.REPEATED)
    assert Kind.REPEATED not in kinds(third)


def test_a_nearly_identical_passage_counts_and_a_different_one_does_not():
    near = REPEATED.replace("households", "homes")
    assert Kind.REPEATED in kinds(analyse(REPEATED, near).sections[0])
    other = "A completely different sentence about the budget, the team and the timetable of the whole project."
    assert Kind.REPEATED not in kinds(analyse(REPEATED, other).sections[0])


def test_a_term_written_two_ways_is_pointed_out_at_the_rarer_form():
    result = analyse(
        "The dataset is open. We clean the dataset weekly.",
        "Each data set is archived.",
    )
    second = result.sections[1]
    (finding,) = [f for f in second.findings if f.kind == Kind.INCONSISTENT_TERM]
    assert finding.sentence == "Each data set is archived."
    assert "“data set” (1×)" in finding.message and "“dataset” (2×)" in finding.message


def test_british_and_american_spellings_of_one_word_are_inconsistent():
    result = analyse("Our organisation leads.", "The organization partners.", "The organisation reports.")
    messages = [f.message for s in result.sections for f in s.findings if f.kind == Kind.INCONSISTENT_TERM]
    assert messages == ["“organization” (1×) and “organisation” (2×) name the same thing: use one form throughout."]


def test_long_sentences_passive_constructions_and_rare_words():
    long = " ".join(["word"] * 40) + "."
    result = analyse(f"{long} The samples were analysed by the laboratory. We study photogrammetry.")
    found = {f.kind: f for f in result.sections[0].findings}
    assert found[Kind.LONG_SENTENCE].sentence == long and "40 words" in found[Kind.LONG_SENTENCE].message
    assert found[Kind.PASSIVE].sentence == "The samples were analysed by the laboratory."
    assert "photogrammetry" in found[Kind.RARE_WORD].message


def test_plain_active_writing_raises_nothing():
    result = analyse("We will measure the river every week. Our team will share the results with the council.")
    assert result.sections[0].findings == ()


def test_readability_is_the_flesch_kincaid_formula_on_the_text_a_reader_sees():
    text = "The cat sat on the mat. The dog ran."
    assert grade(f"**{text}**") == grade(f"# {text}") == grade(text) == textstat.flesch_kincaid_grade(text)
    # 0.39 * (9 words / 2 sentences) + 11.8 * (9 syllables / 9 words) - 15.59 = -2.035, rounded to one place.
    assert abs(grade(text) - (0.39 * 4.5 + 11.8 * 1 - 15.59)) <= 0.1
    assert grade("") is None and grade("---") is None


def test_findings_are_keyed_by_kind_sentence_and_message():
    a = analyse("The samples were analysed.").sections[0].findings[0]
    b = analyse("Intro. The samples were analysed.").sections[0].findings[0]
    c = analyse("The results were analysed.").sections[0].findings[0]
    assert a.key == b.key != c.key


def test_a_possessive_is_as_common_as_its_word():
    found = analyse("The funder\u2019s portal and the funder's rules are clear.").sections[0].findings
    assert [f for f in found if f.kind == Kind.RARE_WORD] == []


def test_the_aids_are_cached_by_each_sections_text_and_version():
    first = analyse("We measure the river weekly.", "The council reads the results.")
    assert analyse("We measure the river weekly.", "The council reads the results.") is first
    before = section_facts.cache_info()
    changed = analyse("We measure the river daily.", "The council reads the results.")
    assert changed is not first
    assert section_facts.cache_info().misses - before.misses == 1  # only the changed section is read again
