"""Every admin listing's search answers, on whichever backend serves (it used to
raise SearchFieldError on organisations, antennas, categories and publications)."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.search]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/snippets/directory/organisation/?q=CPAS", "CPAS de Schaerbeek"),
        ("/admin/snippets/directory/organisation/?q=cpas-schaerbeek", "Schaerbeek"),
        ("/admin/snippets/directory/antenna/?q=CPAS", "CPAS de Schaerbeek"),
        ("/admin/snippets/directory/antenna/?q=1030", "Schaerbeek"),
        ("/admin/snippets/directory/category/?q=sante", "Santé"),
        ("/admin/snippets/directory/errorreport/?q=x", ""),
        ("/admin/snippets/directory/public/?q=jeunes", ""),
        ("/admin/snippets/documents/publication/?q=memorandum", "émorandum"),
        ("/admin/snippets/newsletters/subscriber/?q=example", ""),
        ("/admin/pages/search/?q=cpas", ""),
        ("/admin/documents/?q=pdf", ""),
        ("/admin/users/?q=admin", ""),
    ],
)
def test_admin_list_search(admin_client, indexed_demo_everything, url, expected):
    response = admin_client.get(url)
    assert response.status_code == 200, url
    assert expected in response.content.decode()
