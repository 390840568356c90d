"""The pipeline note names a few rounds without a known rate, not thousands of them."""

from research.ui.components.roi_headline import listed_briefly


def test_up_to_ten_rounds_are_named_in_full():
    rounds = tuple(f"Round {n} (1 application)" for n in range(10))
    assert listed_briefly(rounds) == "; ".join(rounds)


def test_more_than_ten_name_the_first_ten_and_count_the_rest():
    rounds = tuple(f"Round {n} (1 application)" for n in range(2_345))
    text = listed_briefly(rounds)
    assert text.startswith("Round 0 (1 application); Round 1 (1 application)")
    assert "Round 9 (1 application); and 2335 more" in text
    assert "Round 10 " not in text
