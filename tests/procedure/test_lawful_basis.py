"""Section 1: consent is expected; without it, approval needs a recorded lawful basis."""

from disclose.procedure.lawful_basis import check_lawful_basis, describe_lawful_basis


def test_with_consent_no_lawful_basis_is_needed():
    assert check_lawful_basis(True, None) is None


def test_without_consent_and_without_a_basis_approval_is_refused():
    refusal = check_lawful_basis(False, None)
    assert refusal.code == "lawful_basis_required"
    assert "Article 6" in refusal.message


def test_an_article_6_basis_alone_is_not_enough_for_special_category_data():
    assert (
        check_lawful_basis(False, {"article_6": "6(1)(e) public task"}).code
        == "lawful_basis_required"
    )


def test_article_6_with_an_article_9_condition_is_enough():
    basis = {"article_6": "6(1)(e) public task", "article_9": "Sch 1 para 18 safeguarding"}
    assert check_lawful_basis(False, basis) is None


def test_a_schedule_2_exemption_is_enough():
    assert check_lawful_basis(False, {"schedule_2_exemption": "Sch 2 para 2 crime"}) is None


def test_the_disclosure_log_line_names_the_basis():
    assert "Schedule 2" in describe_lawful_basis(False, {"schedule_2_exemption": "para 2"})
    assert "Consent" in describe_lawful_basis(True, None)
