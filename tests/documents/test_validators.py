import pytest
from django.core.exceptions import ValidationError

from documents.validators import (
    format_issn,
    isbn_is_valid,
    issn_is_valid,
    normalise_isbn,
    validate_isbn,
    validate_issn,
)


@pytest.mark.parametrize(
    "value",
    [
        "978-2-07-036822-8",
        "9780306406157",
        "ISBN 978-0-306-40615-7",
        "0-306-40615-2",
        "080442957X",
        "979-10-90636-07-1",
    ],
)
def test_valid_isbns(value):
    assert isbn_is_valid(value)
    validate_isbn(value)


@pytest.mark.parametrize(
    "value",
    ["978-2-07-036822-9", "0-306-40615-3", "979-10-90636-07-2", "080442957Y"],
)
def test_isbn_with_a_wrong_check_digit_is_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_isbn(value)
    assert error.value.code in {"invalid_isbn_checksum", "invalid_isbn_length"}


def test_isbn_of_the_wrong_length_says_so():
    with pytest.raises(ValidationError) as error:
        validate_isbn("12345")
    assert error.value.code == "invalid_isbn_length"
    message = str(error.value.messages[0])
    assert "10" in message and "13" in message


def test_isbn_is_normalised():
    assert normalise_isbn("isbn: 0-8044-2957-x") == "080442957X"


@pytest.mark.parametrize("value", ["0378-5955", "2049-3630", "0317-8471", "1050-124X"])
def test_valid_issns(value):
    assert issn_is_valid(value)
    validate_issn(value)


@pytest.mark.parametrize("value", ["0378-5954", "2049-3631", "1050-1240"])
def test_issn_with_a_wrong_check_digit_is_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_issn(value)
    assert error.value.code == "invalid_issn_checksum"


def test_issn_of_the_wrong_shape_is_refused_with_an_example():
    with pytest.raises(ValidationError) as error:
        validate_issn("ABC")
    assert error.value.code == "invalid_issn_format"
    assert "1234-5679" in error.value.messages[0]


def test_issn_is_formatted_with_its_hyphen():
    assert format_issn("0378 5955") == "0378-5955"


def test_validation_messages_go_through_gettext():
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("nl"):
        with pytest.raises(ValidationError) as error:
            validate_isbn("978-2-07-036822-9")
        expected = gettext(
            "“%(value)s” is not a valid ISBN: its check digit does not match. "
            "Please check for a typing error."
        ) % {"value": "978-2-07-036822-9"}
        assert error.value.messages[0] == expected
