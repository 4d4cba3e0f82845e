"""Import and export of the directory as CSV, XLSX or JSON: three sheets, one row per
antenna, one row per service at an antenna, one row per contact.

The commands ``import_directory`` and ``export_directory`` are thin wrappers around
this package, so that an admin upload view (and ``seed_demo``, which loads the demo
directory from ``directory/demo_data/directory.json``) can reuse it::

    sheets = read_file(path, services=..., contacts=...)  # or binary files + fmt
    if not sheets.errors:
        plan, errors = validate(sheets.antennas, services=sheets.services,
                                contacts=sheets.contacts)
    if not errors:
        result = apply(plan)                  # or apply(plan, dry_run=True)

The format
----------
Columns (:data:`COLUMNS`): the organisation's columns come first, up to
``accreditations``; the antenna's start at ``antenna_id``. An organisation with
several antennas is repeated on each of their rows and every repetition must agree.
A row with an empty ``antenna_id`` (and no other antenna column) describes an
organisation only; the export writes one for organisations without antennas.
Lists (``federations``, ``categories``, ``publics``, ``languages``,
``accreditations``, ``served_communes``) are ``;``-separated. JSON is a list of
objects with the same keys (values are strings; numbers, booleans, ``null`` and, for
list columns, arrays are accepted too).

The format carries every field an editor sets on a record: names, descriptions,
short name, legal form, enterprise number, contacts (``phone``, ``phone_2``,
``email``, ``website``; ``antenna_phone``, ``antenna_email``), ``community``
(``fr``, ``nl``, ``bi``), ``status`` (``active``, ``closed``) and ``closed_on``,
``last_verified_on``, accreditations as ``authority:type:reference:from:until``
(e.g. ``cocom:cpas::2015-01-01:``; the reference and dates may be left out), the
antenna's address, coordinates and their ``precision``, hours, wheelchair access,
reception, ``closed_until`` and ``closure_note``, and its served communes (REFNIS
codes or names). Dates are ISO (``2026-09-01``). Not carried: logos (files), who
last verified a record (a user), federation membership dates (only the current
federations), slugs (made from the names) and revision histories.

Columns added after the first version are optional (:data:`OPTIONAL_COLUMNS`): a
file without one leaves that field of existing records as it is. A ``source``
column (:data:`NOTE_COLUMNS`) may say where a row's facts come from: it is read
past, never stored nor exported.

Antennas also carry (optional columns) ``antenna_languages`` (ISO codes; empty:
the organisation's), ``step_free_entrance``, ``adapted_toilets``, ``hearing_loop``,
``sign_language``, ``easy_read`` (``yes``, ``no``, empty = unknown),
``public_transport_fr``, ``public_transport_nl`` and ``transport_stops``.

Services and contacts
---------------------
The **services** sheet (:data:`SERVICE_COLUMNS`) has one row per service at an
antenna: a service offered at several antennas repeats its service columns on each
row (they must agree), with that place's ``antenna_id`` and its
``location_walk_in_hours``, ``location_appointment_hours`` and ``location_note_fr``
/ ``_nl`` (only when they differ from the service's); a service at no place (by
phone or online only) is one row with an empty ``antenna_id``. ``organisation_id``
names an organisation of the file or of the directory, ``antenna_id`` one of its
antennas (in the file or stored). Flags (``residents_only``, ``walk_in``,
``by_appointment``, ``phone_first``, ``referral_required``) are ``yes``/``no``,
empty = no; ``income_condition`` and ``anonymous`` are ``yes``/``no``, empty =
unknown; ``cost`` is ``free``, ``fee``, ``sliding`` or empty (not stated);
``service_status`` is ``active`` (empty), ``suspended`` or ``ended``; hours are
checked with the OpenStreetMap parser; categories, publics and languages are lists
as in the antennas sheet. Only ``service_id``, ``organisation_id``, ``antenna_id``
and the two names are required columns: a file without another column leaves that
field of existing services as it is.

The **contacts** sheet (:data:`CONTACT_COLUMNS`) has one row per contact:
``organisation_id``; ``antenna_id`` (an antenna's contact) or ``service_id`` (a
service's contact), both empty for the whole organisation; ``kind`` (``main``,
``helpline``, ``fax``, ``text``, ``email``, ``person``), ``name``, ``role_fr`` /
``_nl``, ``phone``, ``email``, ``language`` (one ISO code), ``audience``
(``public`` — empty — or ``professionals``), ``note_fr`` / ``_nl``.

Containers: an XLSX workbook has the sheets ``antennas`` (else its first sheet),
``services`` and ``contacts``; JSON is either a list (antenna rows only) or an
object ``{"antennas": [...], "services": [...], "contacts": [...]}``; CSV holds one
sheet per file (``import_directory FILE --services FILE --contacts FILE``; the CSV
export writes ``NAME.csv``, ``NAME-services.csv`` and ``NAME-contacts.csv``). A
sheet that is absent leaves the stored services (or contacts) alone. Errors of the
services and contacts sheets name their sheet (``Sheet services, line 3, column
cost: …``).

Error locations are file lines: the header is line 1, the first data row line 2
(CSV rows spanning several lines are located by their first line). In JSON there is
no header: the n-th object is reported as line n + 1, so that the same data gets the
same line numbers in every format.

Choices
-------
* **Upsert** on ``organisation_id`` / ``antenna_id`` (``external_id`` fields). An
  antenna that belongs to another organisation in the database is *moved* to the
  organisation of its row (counted as ``moved``). Nothing is ever deleted: antennas of
  an imported organisation that are missing from the file are left alone (counted).
* **The file is authoritative** for every column it has: an empty cell clears the
  field (``wheelchair`` becomes unknown), except coordinates (below).
  ``receives_public`` (``no`` for an office that receives no one) may be left out of
  a file written before it existed: absent or empty, it means yes.
* **Coordinates** given in the file are stored with precision ``address`` and
  ``coordinates_set_by_hand=True`` so that the geocoder never replaces them; when they
  equal the stored ones to 6 decimals (what the export writes) nothing changes, so
  re-importing an export does not turn geocoded positions into hand-set ones. Empty
  coordinates mean "no opinion": stored coordinates are kept unless the address
  (street, number, postcode, commune) changed, in which case they are cleared.
  Antennas left without coordinates that were created or changed, or were never
  geocoded, are handed to ``directory.tasks.enqueue_geocoding`` after the commit.
* **Federations**: each listed federation gets a current membership unless one
  exists (an ended one that ended yesterday is reopened, otherwise a new one starts:
  without start date the first time, today when the pair had an earlier
  membership). Current memberships of an imported organisation to federations it no
  longer lists end *yesterday*, so that ``Organisation.current_federations()`` and
  the export agree with the file at once (one that started today is deleted instead).
  Future memberships are left alone.
* **Idempotence**: records are compared with the file before writing; unchanged
  records, many-to-many sets and memberships are not written (``updated_at`` stays).
* **Drafts and revisions**: new records are created live, without revision. A changed
  record that already has a revision history gets a new revision holding the
  imported state, which becomes its latest and live revision, so the admin's edit
  form shows the imported values; pending drafts stay in the history (counted as
  ``drafts superseded``). Unchanged records keep their drafts.
* **Services** are upserted on ``service_id`` (one that belongs to another
  organisation is *moved*, counted). A service of the file gets exactly the file's
  places (a place missing from the file is removed) and its services keep the
  file's order. **A service not in the file is left as it is** (counted as "not in
  the file"): to withdraw one, set its ``service_status`` to ``ended``; nothing is
  deleted by an import.
* **Contacts**: the contacts the file gives an owner (an organisation, with its
  antennas' contacts, or a service) replace that owner's stored contacts, in the
  file's order; owners the contacts sheet does not name keep theirs. Unchanged
  owners are not written, so re-importing is idempotent.
* Services and contacts are edited with their organisation (inline): when they
  change, an organisation with a revision history gets a new revision too, like a
  changed record.
* The search index is updated and geocoding enqueued after the commit
  (``transaction.on_commit``), since bulk writes send no signals; an organisation
  whose services or contacts changed is indexed again with all its antennas.
"""

from directory.exchange.checks import AntennaSpec, OrganisationSpec, Plan
from directory.exchange.columns import (
    ANTENNA_COLUMNS,
    ANTENNA_FIELDS,
    COLUMNS,
    FORMATS,
    LIST_COLUMNS,
    NOTE_COLUMNS,
    OPTIONAL_COLUMNS,
    ORGANISATION_COLUMNS,
    ORGANISATION_FIELDS,
    FormatError,
    Progress,
    Row,
    RowError,
)
from directory.exchange.exporting import export, export_rows, export_sheets, sibling
from directory.exchange.formats import (
    Sheets,
    detect_format,
    read_file,
    read_rows,
    write_rows,
    write_sheets,
)
from directory.exchange.plan import ImportResult
from directory.exchange.service_checks import validate
from directory.exchange.service_exporting import contact_rows, service_rows
from directory.exchange.sheets import (
    ANTENNAS,
    CONTACT_COLUMNS,
    CONTACTS,
    SERVICE_COLUMNS,
    SERVICES,
    Sheet,
)
from directory.exchange.writing import apply, import_file, update_search_index

__all__ = [
    "ANTENNAS",
    "ANTENNA_COLUMNS",
    "CONTACTS",
    "CONTACT_COLUMNS",
    "SERVICES",
    "SERVICE_COLUMNS",
    "Sheet",
    "Sheets",
    "contact_rows",
    "export_sheets",
    "read_file",
    "service_rows",
    "sibling",
    "write_sheets",
    "ANTENNA_FIELDS",
    "COLUMNS",
    "FORMATS",
    "LIST_COLUMNS",
    "NOTE_COLUMNS",
    "OPTIONAL_COLUMNS",
    "ORGANISATION_COLUMNS",
    "ORGANISATION_FIELDS",
    "AntennaSpec",
    "FormatError",
    "ImportResult",
    "OrganisationSpec",
    "Plan",
    "Progress",
    "Row",
    "RowError",
    "apply",
    "detect_format",
    "export",
    "export_rows",
    "import_file",
    "read_rows",
    "update_search_index",
    "validate",
    "write_rows",
]
