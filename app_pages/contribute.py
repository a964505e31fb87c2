"""Contribute: how to add or correct a tool, a form that builds a valid entry file, and a checker for pasted files.

All logic is in catalogue.entry_form (tested without Streamlit); the checks are the validator's own.
"""
import datetime as dt

import streamlit as st

from app_pages import common
from catalogue import entry_form as form
from catalogue.about import GUIDE_SECTIONS, guide_section, read_guide
from catalogue.fields import FIELD_BY_NAME, FIRST_YEAR

DRAFT_KEY = "contribute_draft"  # the form's values, kept while the user visits other pages
PREFIX = "form_"

catalogue = common.get_catalogue()
today = dt.date.today()
guide = read_guide()


def start_over() -> None:
    """Callback: an empty form."""
    st.session_state.pop(DRAFT_KEY, None)
    for key in list(st.session_state.keys()):
        if str(key).startswith(PREFIX):
            del st.session_state[key]


# Widgets lose their state when the user leaves the page; re-seed them from the saved draft.
saved = st.session_state.get(DRAFT_KEY) or form.form_defaults(today)
for name, value in saved.items():
    st.session_state.setdefault(PREFIX + name, value)
# Read the values before drawing so each widget can show its own problems right under it.
values = {name: st.session_state[PREFIX + name] for name in saved}
st.session_state[DRAFT_KEY] = dict(values)
draft = form.build_draft(values, today, catalogue.tools)
problems = form.problems_by_field(draft)


def show_problems(name: str) -> None:
    for problem in problems.get(name, []):
        message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
        if form.is_still_empty(problem, draft):
            # A fresh form is all empty fields: a quiet marker each, not a wall of red boxes.
            st.caption("❌ Made from the name: type the name first, or a file name here." if problem.check == "slug"
                       else "❌ Required, still empty.")
        elif problem.is_error:
            st.error(common.escape_markdown(message), icon="❌")
        else:
            st.warning(common.escape_markdown(message), icon="⚠️")


def label_of(name: str, text: str) -> str:
    spec = FIELD_BY_NAME.get(name)
    return f"{text} *" if spec and spec.required else text


def text_input(name: str, label: str, max_chars: int = 500, **options) -> None:
    st.text_input(label_of(name, label), key=PREFIX + name, max_chars=max_chars,
                  help=options.pop("help", form.field_help(name)), **options)
    show_problems(name)


def text_area(name: str, label: str, max_chars: int = 5000, **options) -> None:
    st.text_area(label_of(name, label), key=PREFIX + name, max_chars=max_chars,
                 help=options.pop("help", form.field_help(name)), **options)
    show_problems(name)


def term_choice(name: str, label: str, vocabulary: str, many: bool) -> None:
    help_text = f"{form.field_help(name)}\n\n{form.vocabulary_help(vocabulary)}"
    widget = st.multiselect if many else st.selectbox
    widget(label_of(name, label), form.term_options(vocabulary), key=PREFIX + name, help=help_text,
           format_func=lambda key: form.term_label(vocabulary, key), placeholder="Choose…")
    show_problems(name)


def yes_no(name: str, label: str) -> None:
    st.radio(label, form.TRI_STATE, key=PREFIX + name, horizontal=True, help=form.field_help(name),
             format_func=lambda value: {form.NOT_STATED: "Not stated"}.get(value, value.capitalize()))
    show_problems(name)


# ---------------------------------------------------------------- how to contribute

st.title("Contribute")
common.load_notice(catalogue)
st.markdown(
    "Anyone can add a tool or correct one. Each tool is one YAML file in the `tools_data/` folder of the "
    "repository, and every change is a pull request that the validator checks automatically.\n\n"
    "1. **Search first** on the Explore page, including the tool's other names and its organisation. "
    "If it is listed, correct that entry: edit `tools_data/<slug>.yaml` (the slug is the `tool=` part of the "
    "tool page's address), then check your edited file below.\n"
    "2. **New tool:** fill in the form below. It builds the file and checks it as you type, with the "
    "same validator as `python -m catalogue validate`.\n"
    "3. **Download** the file and add it to `tools_data/` in a pull request (on GitHub: *Add file → Upload "
    "files* in the `tools_data` folder).\n\n"
    "No GitHub account? Open an issue with the *Suggest a tool* or *Report a correction* form instead. "
    "The full guide, step by step, is **CONTRIBUTING.md** in the repository."
)
if guide:
    for title in GUIDE_SECTIONS:
        section = guide_section(guide, title)
        if section:
            with st.expander(f"{title} (from CONTRIBUTING.md)"):
                st.markdown(section)  # project text, not entry text

build_tab, check_tab = st.tabs(["Build a new entry", "Check an entry file"])

# ---------------------------------------------------------------- the form

with build_tab:
    form_column, file_column = st.columns([3, 2], gap="large")
    with form_column:
        st.caption("Fields marked * are required. Leave an optional field empty rather than guess: "
                   "an empty field reads as “not known”, a guessed one as a fact.")
        st.subheader("The tool")
        text_input("name", "Name", max_chars=200)
        suggested = form.slug_of({"name": values.get("name")}) or "made-from-the-name"
        text_input("slug", "File name (slug)", max_chars=120, placeholder=suggested,
                   help="Lowercase letters, digits and hyphens; it becomes the tool's address and cannot change "
                        "later. Leave it empty to make it from the name.")
        st.caption(f"The file will be {common.escape_markdown(draft.file_name)}")
        text_area("aliases", "Other names or acronyms (one per line)", max_chars=2000, height=68)
        text_input("summary", "Summary: one sentence, in your own words", max_chars=1000)
        text_area("description", "Description: a paragraph in your own words")
        text_input("url", "Official page (https://…)")

        st.subheader("Who runs it")
        text_input("organisation_name", label_of("organisation", "Organisation"), max_chars=300,
                   help=form.field_help("organisation"))
        st.selectbox("Organisation type *", form.term_options("organisation_types"), key=PREFIX + "organisation_type",
                     format_func=lambda key: form.term_label("organisation_types", key), placeholder="Choose…",
                     help=form.vocabulary_help("organisation_types"))
        show_problems("organisation_type")
        text_input("organisation_website", "Organisation website (optional)",
                   help="http(s) address of the organisation's own site.")
        text_area("partners", "Partner organisations (one per line)", max_chars=2000, height=68)

        st.subheader("What it does")
        term_choice("primary_purpose", "Primary purpose", "purposes", many=False)
        term_choice("purposes", "Purposes (include the primary one)", "purposes", many=True)
        term_choice("target_users", "Target users", "target_users", many=True)
        term_choice("technologies", "Technologies", "technologies", many=True)
        term_choice("exploitation_types", "Exploitation types", "exploitation_types", many=True)
        term_choice("sectors", "Sectors (optional)", "sectors", many=True)

        st.subheader("Where")
        st.multiselect(label_of("developed_in", "Developed in"), form.country_options(), key=PREFIX + "developed_in",
                       format_func=form.country_label, help=form.field_help("developed_in"), placeholder="Countries…")
        show_problems("developed_in")
        st.radio("Used where? *", (form.SCOPE_COUNTRIES, form.SCOPE_GLOBAL), key=PREFIX + "deployment_scope",
                 format_func={form.SCOPE_COUNTRIES: "In the countries listed below",
                              form.SCOPE_GLOBAL: "Global: open to anyone, anywhere"}.get,
                 help="Choose global only for a tool anyone in any country can use; a tool used in many "
                      "countries lists them.")
        is_global = values.get("deployment_scope") == form.SCOPE_GLOBAL
        st.multiselect("Deployed in", form.country_options(), key=PREFIX + "deployed_in", disabled=is_global,
                       format_func=form.country_label, help=form.field_help("deployed_in"), placeholder="Countries…")
        show_problems("deployed_in")
        st.multiselect("Languages (optional)", form.language_options(), key=PREFIX + "languages",
                       format_func=form.language_label, help=form.field_help("languages"), placeholder="Languages…")
        show_problems("languages")

        st.subheader("Status and access")
        term_choice("status", "Status", "status", many=False)
        text_input("last_seen_active", "Seen in use (date of the newest source)", max_chars=10,
                   placeholder="YYYY-MM")
        years = st.columns(2)
        with years[0]:
            st.number_input("Launched (year, optional)", min_value=FIRST_YEAR, max_value=today.year, step=1,
                            key=PREFIX + "launched", help=form.field_help("launched"), placeholder="Year")
            show_problems("launched")
        with years[1]:
            st.number_input("Discontinued (year, optional)", min_value=FIRST_YEAR, max_value=today.year, step=1,
                            key=PREFIX + "discontinued", help=form.field_help("discontinued"), placeholder="Year")
            show_problems("discontinued")
        term_choice("access", "Access", "access", many=False)
        text_input("licence", "Licence (optional)", max_chars=200,
                   help="An SPDX identifier such as MIT, Apache-2.0 or GPL-3.0-only; or proprietary; or unknown.")
        text_input("source_code", "Source code (optional, https://…)")
        yes_no("survivor_informed", "Survivors took part in its design")
        yes_no("handles_personal_data", "Collects or stores personal data")
        text_input("evidence_of_impact", "Evaluation or impact report (optional, https://…)")

        st.subheader("Sources")
        text_area("sources", "Public pages backing the facts (one address per line, the organisation's own first)",
                  max_chars=10_000)
        st.date_input(label_of("last_verified", "Date you checked the sources"), key=PREFIX + "last_verified",
                      min_value=dt.date(FIRST_YEAR, 1, 1), max_value=today, help=form.field_help("last_verified"))
        show_problems("last_verified")

    with file_column:
        st.subheader("Your entry file")
        errors, warnings = len(draft.errors), len(draft.warnings)
        if not errors and not warnings:
            st.success("✅ Passes every check of the validator.")
        elif not errors:
            st.warning(f"⚠️ No errors; {warnings} warning(s) to look at.")
        else:
            st.error(f"❌ {errors} error(s) and {warnings} warning(s): fix them before opening a pull request.")
        empty = form.still_empty_fields(draft)
        if empty:
            st.markdown("**Still to fill in:** " + ", ".join(common.escape_markdown(name) for name in empty))
        typed = [p for p in draft.problems if not form.is_still_empty(p, draft)]
        if typed:
            st.caption("Problems in what you entered (each is also shown under its field):")
            st.code("\n".join(form.format_problem(p) for p in typed), language=None, wrap_lines=True)
        if draft.problems:
            with st.expander("Every problem, as `python -m catalogue validate` prints it"):
                st.code("\n".join(form.format_problem(p) for p in draft.problems), language=None, wrap_lines=True)
        st.download_button(f"⬇️ Download {draft.file_name}", draft.text.encode("utf-8"), file_name=draft.file_name,
                           mime="application/yaml", key="download_entry", on_click="ignore", type="primary" if not errors else "secondary")
        if errors:
            st.caption("You can download the draft now and finish it later; the pull request check will "
                       "show the same errors.")
        st.code(draft.text, language="yaml", line_numbers=True, wrap_lines=True)
        st.button("Start over", key="start_over", on_click=start_over)

# ---------------------------------------------------------------- checking a file

with check_tab:
    st.markdown("Paste an entry file (a new one, or an existing entry you corrected) to see every problem "
                "the validator would report, with its line and column.")
    st.text_input("File name (optional)", key="paste_file_name", max_chars=200, placeholder="e.g. golden-dreams.yaml",
                  help="The name the file will have in tools_data/. Without it, an entry already in the catalogue is "
                       "recognised by its name or address; a new one gets a file name made from its name.")
    pasted = st.text_area("Entry file (YAML)", key="paste_text", height=300, max_chars=form.PASTE_MAX_CHARS,
                          placeholder="# yaml-language-server: $schema=../schema/tool.schema.json\nname: …")
    if pasted.strip():
        check = form.check_pasted(pasted, st.session_state.get("paste_file_name", ""), today, catalogue.tools)
        if check.truncated:
            st.warning(f"Only the first {form.PASTE_MAX_CHARS:,} characters were checked.")
        if check.corrects:
            st.info(f"Checked as a correction of {common.escape_markdown(f'tools_data/{check.corrects}.yaml')}. "
                    "To check it as a new file, give it a file name.")
        else:
            st.caption(f"Checked as a new file: {common.escape_markdown(check.file_name)}")
        if not check.problems:
            st.success("✅ No problems: the validator accepts this file.")
        else:
            st.error(f"❌ {len(check.errors)} error(s) and {len(check.warnings)} warning(s)." if check.errors else
                     f"⚠️ No errors; {len(check.warnings)} warning(s).")
            st.code("\n".join(form.format_problem(p) for p in check.problems), language=None, wrap_lines=True)
        with st.expander("Your text with line numbers", expanded=bool(check.errors)):
            st.code(pasted, language="yaml", line_numbers=True)
