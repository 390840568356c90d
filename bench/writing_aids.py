"""All writing aids and the criteria map of a 12-page application, warm and cold.

The application: 8 sections, about 6,000 words (12 A4 pages at 500 words a page) of varied
sentences with acronyms, passive constructions, long sentences and a repeated passage,
against the four criteria of NIH's simplified framework-like rubric.

- warm: the libraries are loaded and the other sections' sentences are cached, and one section
  has just changed (what a writer's save costs): target under 300 ms;
- cold: a new process imports everything and analyses once: target under 2 s;
- each against the floor of the bare library calls on the same text (textstat's grade per
  section, wordfreq's frequency of every word, rapidfuzz's matrix of the long sentences).
Run: PYTHONPATH=. python -m bench.writing_aids
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

from bench.docx_export import WORDS
from bench.summary import Result

SECTIONS = 8
WORDS_PER_SECTION = 750
RUNS = 7
WARM_CEILING_MS = 300.0
COLD_CEILING_MS = 2000.0
# The Word export benchmark's research words, and more of a health and catchment project.
VOCABULARY = [
    *WORDS,
    "cohort",
    "households",
    "river",
    "catchment",
    "nitrogen",
    "farmers",
    "council",
    "hapu",
    "whenua",
    "wellbeing",
    "dementia",
    "screening",
    "clinic",
    "pathway",
    "uptake",
    "trial",
    "dataset",
    "resilience",
]
CRITERIA_SOURCE = (
    ("importance", "Importance of the research", ("significance", "innovation")),
    ("rigor", "Rigor and feasibility", ("rigor", "feasibility", "approach")),
    ("expertise", "Expertise and resources", ("expertise", "resources")),
    ("impact", "Impact", ("pathways to impact", "uptake by end users")),
)
REPEATED = (
    "Our cohort of two thousand households in Otago gives the study the statistical power it needs to detect change."
)


def sentence(seed: int) -> str:
    length = 8 + seed % 30
    words = [VOCABULARY[(seed * 7 + i * 11) % len(VOCABULARY)] for i in range(length)]
    if seed % 9 == 0:
        words[2:2] = ["were", "analysed", "by", "the", "HRC"]
    return " ".join(words).capitalize() + "."


def application_texts() -> tuple[str, ...]:
    bodies = []
    for s in range(SECTIONS):
        sentences, words, seed = [], 0, s * 1000
        while words < WORDS_PER_SECTION:
            text = sentence(seed)
            sentences.append(text)
            words += len(text.split())
            seed += 1
        if s in (1, 5):
            sentences.append(REPEATED)
        bodies.append(" ".join(sentences))
    return tuple(bodies)


def _inputs(bodies: tuple[str, ...]):  # noqa: ANN202 - bench-local
    from research.domain.assessment_criteria import AssessmentCriterion
    from research.services.writing.analysis import SectionText

    texts = tuple(SectionText(n, f"s{n}", f"Section {n}", 1, body) for n, body in enumerate(bodies, start=1))
    criteria = tuple(AssessmentCriterion(k, t, None, d) for k, t, d in CRITERIA_SOURCE)
    return texts, criteria


def analyse(bodies: tuple[str, ...]) -> float:
    from research.services.writing.analysis import analyse_texts

    texts, criteria = _inputs(bodies)
    started = time.perf_counter()
    analyse_texts(1, texts, criteria)
    return (time.perf_counter() - started) * 1000


def floor(bodies: tuple[str, ...]) -> float:
    """The bare library calls on the same text."""
    import textstat
    from rapidfuzz import fuzz, process
    from wordfreq import zipf_frequency

    started = time.perf_counter()
    long_sentences = []
    for body in bodies:
        textstat.flesch_kincaid_grade(body)
        for word in body.split():
            zipf_frequency(word.strip(".").lower(), "en")
        long_sentences += [s for s in body.split(". ") if len(s.split()) >= 12]
    process.cdist(long_sentences, long_sentences, scorer=fuzz.ratio, score_cutoff=90, workers=1)
    return (time.perf_counter() - started) * 1000


def warm(bodies: tuple[str, ...], runs: int) -> tuple[float, float]:
    analyse(bodies)  # libraries loaded, sentence caches filled
    floor(bodies)
    times, floors = [], []
    for run in range(runs):
        changed = (bodies[0] + f" A new sentence number {run} about the estuary.", *bodies[1:])
        times.append(analyse(changed))
        floors.append(floor(changed))
    return statistics.median(times), statistics.median(floors)


COLD_SCRIPT = """
import sys, time
started = time.perf_counter()
from bench.writing_aids import application_texts, analyse, floor
bodies = application_texts()
{call}(bodies)
print((time.perf_counter() - started) * 1000)
"""


def cold(call: str) -> tuple[float, float]:
    """The median wall time of a new process, and its CPU time (user + system, interpreter start included).

    On a machine shared with other work the wall time grows with the wait for a core; the CPU time
    is what an idle machine would take, less any waiting on disk."""
    runs, cpus = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT.format(call=call)], capture_output=True, text=True, check=True
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append(float(out.stdout.strip().splitlines()[-1]))
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(runs), statistics.median(cpus)


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    bodies = application_texts()
    words = sum(len(b.split()) for b in bodies)
    warm_ms, warm_floor = warm(bodies, 2 if args.quick else RUNS)
    (cold_ms, cold_cpu), (cold_floor, floor_cpu) = cold("analyse"), cold("floor")
    print(f"{SECTIONS} sections, {words:,} words (about {words / 500:.0f} pages)")
    print(f"warm (one section changed): {warm_ms:,.1f} ms; bare library calls {warm_floor:,.1f} ms")
    print(f"cold (new process, imports included): {cold_ms:,.0f} ms; bare library calls {cold_floor:,.0f} ms")
    print(f"cold, CPU time of the whole process: {cold_cpu:,.0f} ms; bare library calls {floor_cpu:,.0f} ms")
    return [
        _against("writing aids, warm", warm_ms, warm_floor, WARM_CEILING_MS),
        _against("writing aids, cold", cold_ms, cold_floor, COLD_CEILING_MS),
    ]


def _against(name: str, figure: float, floor_ms: float, ceiling: float) -> Result:
    """The figure with its ratio to the bare library calls; the target is the time a writer waits."""
    ratio = figure / floor_ms if floor_ms else None
    return Result(
        name, f"{figure:,.1f} ms", f"libs {floor_ms:,.1f} ms", ratio, f"< {ceiling:,.0f} ms", figure < ceiling
    )


if __name__ == "__main__":
    main()
