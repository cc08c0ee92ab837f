"""Who may do what on which page: the explicit table of the route x role access matrix.

Every named URL of the project has one row, keyed by its URL name. Each row gives the expected
outcome for GET and for POST (an empty POST: no valid form is sent), for these roles in this order:

    anonymous, citizen A, citizen B, council member, civil servant, administrator

Outcomes: 200 (the page), L (a redirect to the login page), R (a redirect elsewhere, e.g. after
an action or to the own start page), 400 (the form is refused), 403 (wrong role), 404 (not yours,
or not there for you), 405 (method not allowed). Objects in the URLs belong to citizen A; citizen B
therefore meets 404 where A meets their own page.

A URL name missing here fails `test_every_route_is_in_the_table`: no page without deciding who may
see it. Django admin (`admin:*`) is left out: it has its own permission checks; the test
`test_admin_sends_non_staff_to_login` checks that non-staff only get the login page there.
"""

PUBLIC_PAGE = ("200 200 200 200 200 200", "405 405 405 405 405 405")
PUBLIC_ANY_METHOD = ("200 200 200 200 200 200", "200 200 200 200 200 200")
STAFF_PAGE = ("L 403 403 403 200 200", "L 403 403 403 405 405")
STAFF_FORM = ("L 403 403 403 200 200", "L 403 403 403 200 200")
STAFF_ACTION = ("L 403 403 403 405 405", "L 403 403 403 R R")
STAFF_ANY_METHOD = STAFF_FORM
ADMIN_ONLY = ("L 403 403 403 403 200", "L 403 403 403 403 200")
MEMBER_PAGE = ("L 403 403 200 403 403", "L 403 403 405 403 403")
MEMBER_POST_FORM = ("L 403 403 405 403 403", "L 403 403 400 403 403")
LOGGED_IN = ("L 200 200 200 200 200", "L 200 200 200 200 200")
LOGGED_IN_ACTION = ("L 405 405 405 405 405", "L R R R R R")
# A citizen's own object (citizen A's); anyone else's is a 404, other roles 403.
OWN_PAGE = ("L 200 404 403 403 403", "L 200 404 403 403 403")
OWN_ACTION = ("L 405 405 403 403 403", "L R 404 403 403 403")

TABLE = {
    # The foundation
    "healthz": PUBLIC_PAGE,
    "home": PUBLIC_PAGE,
    "pillar": PUBLIC_PAGE,
    "privacy": PUBLIC_PAGE,
    "accessibility": PUBLIC_PAGE,
    "contact": PUBLIC_PAGE,
    # Each role lands on its own start page; staff see their work overview.
    "start": ("L R R R 200 200", "L R R R 200 200"),
    "audit:event_list": ADMIN_ONLY,
    # Accounts
    "accounts:login": ("200 R R R R R", "200 R R R R R"),
    "accounts:login_verify": ("L L L L L L", "L L L L L L"),
    "accounts:logout": ("405 405 405 405 405 405", "R R R R R R"),
    "accounts:security": LOGGED_IN,
    "accounts:mfa_setup": ("L 200 200 200 200 200", "L 200 200 200 200 200"),
    "accounts:mfa_disable": LOGGED_IN_ACTION,
    "accounts:recovery_codes_new": LOGGED_IN_ACTION,
    "accounts:register": ("200 R R R R R", "200 R R R R R"),
    "accounts:register_done": PUBLIC_ANY_METHOD,
    "accounts:verify_email": ("L L L L L L", "L L L L L L"),
    "accounts:password_reset": PUBLIC_ANY_METHOD,
    "accounts:password_reset_done": PUBLIC_PAGE,
    "accounts:password_reset_confirm": ("R R R R R R", "R R R R R R"),
    "accounts:password_reset_complete": PUBLIC_PAGE,
    # Partnerships
    "partnerships:register": PUBLIC_PAGE,
    "partnerships:world": PUBLIC_PAGE,
    "partnerships:detail": PUBLIC_PAGE,
    "partnerships:document": PUBLIC_PAGE,  # a public document
    "partnerships:manage": STAFF_PAGE,
    "partnerships:manage_detail": STAFF_PAGE,
    "partnerships:partners": STAFF_PAGE,
    "partnerships:create": STAFF_FORM,
    "partnerships:partner_create": STAFF_FORM,
    "partnerships:partner_edit": STAFF_FORM,
    "partnerships:edit": STAFF_FORM,
    "partnerships:change_status": STAFF_FORM,
    "partnerships:transform": STAFF_FORM,
    "partnerships:phase_out": STAFF_FORM,
    "partnerships:complete_step": STAFF_FORM,
    "partnerships:log_activity": STAFF_FORM,
    "partnerships:add_document": STAFF_FORM,
    # Global goals
    "global_goals:dashboard": PUBLIC_PAGE,
    "global_goals:goal": PUBLIC_PAGE,
    "global_goals:kimo": PUBLIC_PAGE,
    "global_goals:manage": STAFF_PAGE,
    "global_goals:manage_contribution": STAFF_PAGE,
    "global_goals:manage_meetings": STAFF_PAGE,
    "global_goals:manage_contribution_create": STAFF_FORM,
    "global_goals:manage_contribution_edit": STAFF_FORM,
    "global_goals:manage_indicator_create": STAFF_FORM,
    "global_goals:manage_indicator_edit": STAFF_FORM,
    "global_goals:manage_measurement_create": STAFF_FORM,
    "global_goals:manage_meeting_create": STAFF_FORM,
    "global_goals:manage_meeting": STAFF_FORM,
    "global_goals:manage_action_create": STAFF_FORM,
    "global_goals:manage_action": STAFF_FORM,
    "global_goals:manage_action_edit": STAFF_FORM,
    "global_goals:manage_label": STAFF_FORM,
    # Grants: the public budget page
    "grants:budget": PUBLIC_ANY_METHOD,
    # Grants: the applicant (every object is citizen A's)
    "grants:my_applications": ("L 200 200 403 403 403", "L 200 200 403 403 403"),
    "grants:apply": ("L 200 200 403 403 403", "L 200 200 403 403 403"),
    "grants:detail": OWN_PAGE,
    "grants:edit": OWN_PAGE,
    "grants:submitted": OWN_PAGE,
    "grants:account": OWN_PAGE,
    # No information was asked for the granted application: back to its page.
    "grants:answer": ("L R 404 403 403 403", "L R 404 403 403 403"),
    "grants:withdraw": OWN_ACTION,
    "grants:remove_attachment": OWN_ACTION,
    # The decision letter and attachments: the applicant and staff; a council member is nobody here.
    "grants:letter": ("L 200 404 404 200 200", "L 200 404 404 200 200"),
    "grants:attachment": ("L 200 404 404 200 200", "L 200 404 404 200 200"),
    # Grants: the civil servant
    "grants:queue": STAFF_ANY_METHOD,
    "grants:queue_csv": STAFF_ANY_METHOD,
    "grants:decision_overview": STAFF_ANY_METHOD,
    "grants:staff_detail": STAFF_ANY_METHOD,
    "grants:staff_action": ("L 403 403 403 405 405", "L 403 403 403 400 400"),
    "grants:ceiling": ADMIN_ONLY,
    # Council: public pages
    "council:question_list": PUBLIC_PAGE,
    "council:question_detail": PUBLIC_PAGE,
    # Council: members
    "council:my_questions": MEMBER_PAGE,
    "council:vote": MEMBER_POST_FORM,
    "council:post_argument": MEMBER_POST_FORM,
    "council:declare_interest": ("L 403 403 200 403 403", "L 403 403 200 403 403"),
    # Council: civil servants prepare questions
    "council:manage": STAFF_PAGE,
    "council:manage_question": STAFF_PAGE,
    "council:question_create": STAFF_FORM,
    "council:question_edit": STAFF_FORM,
    "council:option_create": STAFF_FORM,
    "council:option_edit": STAFF_FORM,
    "council:document_add": STAFF_FORM,
    "council:open_voting": STAFF_FORM,
    "council:decide": STAFF_FORM,
    "council:withdraw": STAFF_FORM,
    "council:formal_decision": STAFF_FORM,
    "council:publish": STAFF_ACTION,
    # The open data API and its pages: public and read-only.
    # django-ninja's root has no page of its own (the docs are at api:docs).
    "api:api-root": ("404 404 404 404 404 404", "404 404 404 404 404 404"),
    "api:openapi-json": PUBLIC_ANY_METHOD,  # django-ninja serves the (read-only) schema to any method
    "api:docs": PUBLIC_PAGE,
    "api:budget": PUBLIC_PAGE,
    "api:grants": PUBLIC_PAGE,
    "api:partnerships": PUBLIC_PAGE,
    "api:partnership": PUBLIC_PAGE,
    "api:city_links_jsonld": PUBLIC_PAGE,
    "api:goals": PUBLIC_PAGE,
    "api:goal": PUBLIC_PAGE,
    "api:questions": PUBLIC_PAGE,
    "api:question": PUBLIC_PAGE,
    "api:vote_events": PUBLIC_PAGE,
    # The world's question is still open for voting: its votes are not public yet, for anyone.
    "api:vote_event": ("404 404 404 404 404 404", "405 405 405 405 405 405"),
    "api:grants_csv": PUBLIC_PAGE,
    "api:partnerships_csv": PUBLIC_PAGE,
    "api:contributions_csv": PUBLIC_PAGE,
    "api:votes_csv": PUBLIC_PAGE,
    "api:woo_csv": PUBLIC_PAGE,
    "open_data:index": PUBLIC_PAGE,
    "open_data:docs": PUBLIC_PAGE,
    "open_data:woo_grants": PUBLIC_PAGE,
    # A person's own data (AVG): export and account deletion; nobody else's is reachable.
    "my_data": LOGGED_IN,
    "my_data_download": ("L 200 200 200 200 200", "L 405 405 405 405 405"),
    "council:close": STAFF_ACTION,
}
