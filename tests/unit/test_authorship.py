from research.domain.authorship import attribute, paragraphs


def test_inserted_characters_belong_to_their_writer_and_kept_ones_keep_theirs():
    marks = attribute([], "", "Rivers remember.", "Ana")
    marks = attribute(marks, "Rivers remember.", "Rivers and people remember.", "Ben")
    assert (
        "".join("A" if m == "Ana" else "B" for m in marks) == "A" * 7 + "B" * 11 + "A" * 9
    )  # "Rivers " + "and people " + "remember."


def test_each_paragraph_shows_its_writers_shares_largest_first():
    text = "Ana wrote this.\n\nBen wrote most of this one"
    marks = attribute([], "", "Ana wrote this.\n\n", "Ana")
    marks = attribute(marks, "Ana wrote this.\n\n", text, "Ben")
    marks = attribute(marks, text, text + ", Ana too", "Ana")
    first, second = paragraphs(text + ", Ana too", marks)
    assert first.shares == (("Ana", 1.0),)
    assert [who for who, _ in second.shares] == ["Ben", "Ana"]
    assert round(sum(share for _, share in second.shares), 6) == 1.0
