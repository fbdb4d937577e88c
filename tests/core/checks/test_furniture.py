"""Web furniture (``furniture.*``): example tables per rule, spans, house lines, fix semantics."""

from __future__ import annotations

from pathlib import Path

import pytest
from _newsroom_cases import BODY, CREDIT, HEADLINE, STANDFIRST, draft, story_lines
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.core.checks.base import CheckContext
from proofdesk.core.checks.furniture import FurnitureCheck
from proofdesk.core.document import Document, document_from_text
from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.core.style.model import HouseStyle

# (where, lines): where is top | mid | tail; several lines form one block (one finding).
FLAG: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "furniture.search-box": [
        ("top", ("Type to search",)),
        ("top", ("Search this site",)),
        ("top", ("Search",)),
        ("top", ("Search…",)),
        ("top", ("Enter search term",)),
        ("top", ("Search the archive",)),
        ("top", ("What are you looking for?",)),
        ("top", ("Type and press Enter to search",)),
        ("top", ("SEARCH",)),
        ("top", ("Search for:",)),
        ("mid", ("Type to search",)),
        ("tail", ("Search this site",)),
        ("top", ("Site search",)),
        ("top", ("Enter keywords",)),
        ("top", ("Search our site",)),
        ("top", ("Start typing to search",)),
        ("top", ("Type keywords and hit enter",)),
        ("top", ("Search news, topics and people",)),
    ],
    "furniture.page-chrome": [
        ("top", ("Skip to content",)),
        ("top", ("Menu",)),
        ("top", ("Home > News > Business",)),
        ("top", ("3 min read",)),
        ("top", ("Listen to this article",)),
        ("top", ("Skip to main content",)),
        ("top", ("Home / Energy / Local",)),
        ("top", ("Sign in",)),
        ("top", ("Updated: 14 March 2026, 09:41",)),
        ("top", ("Log in / Register",)),
        ("mid", ("Jump to comments section",)),
        ("tail", ("Back to top",)),
        ("tail", ("© 2026 Harbour Times. All rights reserved.",)),
        ("mid", ("2 hours ago",)),
        ("tail", ("Privacy policy",)),
        ("tail", ("Comments (12)",)),
        ("top", ("Close dialog",)),
        ("tail", ("Our Standards: The Thomson Reuters Trust Principles.",)),
        ("top", ("(Updates with analyst comment in paragraph 5)",)),
        ("top", ("Listen · 5:12",)),
        ("tail", ("Purchase Licensing Rights, opens new tab",)),
        ("tail", ("Sign in to comment",)),
    ],
    "furniture.promo": [
        ("mid", ("Also on AF: Port Bosses Warn of Summer Delays",)),
        ("mid", ("Also on Coastline News: Ferry Fares Frozen",)),
        ("mid", ("READ MORE: Ferry Firm Orders Two Electric Ships",)),
        ("mid", ("Read more: Dredging Row Goes to Court",)),
        ("mid", ("RELATED: Harbour Master Named Mariner of the Year",)),
        ("mid", ("ALSO READ | Ports Race to Go Green",)),
        ("mid", ("See also: Estuary Birds Return in Record Numbers",)),
        ("mid", ("Don't miss: Inside the New Ferry Terminal",)),
        ("mid", ("Also on Harbour Times – Lifeboat Crew Honoured",)),
        ("mid", ("More from The Ledger: Town Hall Budget Explained",)),
        ("mid", ("» Read more: Seals counted on sandbanks",)),
        ("mid", ("Related Article: Shipyard Wins Big Order",)),
        ("mid", ("MORE: Council Tax Bills Set to Climb",)),
        ("tail", ("Also on AF: Yields Slide as Traders Bet on Cuts",)),
        ("mid", ("WATCH: Drone Footage of the New Channel",)),
        ("mid", ("Also read: New bridge opens two years late",)),
    ],
    "furniture.related-block": [
        ("tail", ("Read more:", "Dredging Row Reaches High Court", "Why Small Ports Are Betting on Wind")),
        ("tail", ("Related stories:", "Ferry fares frozen for island residents", "New bridge opens two years late")),
        ("tail", ("More from Harbour Times", "Lifeboat Station Gets New Boat", "Seafront Hotel Plan Rejected")),
        ("tail", ("Recommended", "Five Things to Know About the New Planning Rules")),
        ("tail", ("You may also like", "Storm damage bill tops £40m, insurers say", "Record number of seals counted")),
        ("tail", ("Related", "Harbour Dredging Row Reaches High Court")),
        ("tail", ("MORE ON THIS STORY", "Fishermen Fear for Shellfish Beds", "Regulator to Rule on Licence by June")),
        ("tail", ("Most read", "Town's last bank branch to close", "Bus operator apologises for cancelled routes")),
        ("tail", ("Recommended for you:", "Inside the Race to Build Cheaper Batteries")),
        (
            "tail",
            (
                "Read more:",
                "Chinese Exporters Shift Focus to Southeast Asia – SCMP",
                "Port Strike Ends: Report",
                "Shipyard Wins £200m Order for Research Vessels",
                "Bond Yields Slide as Traders Price in Cut",
            ),
        ),
        (
            "tail",
            (
                "Harbour Dredging Row Reaches High Court",
                "Why Small Ports Are Betting on Offshore Wind",
                "Ferry Operator Cuts Winter Timetable",
            ),
        ),
        ("mid", ("Related stories:", "Ferry Operator Cuts Winter Timetable", "Lifeboat Crew Honoured for Rescue")),
        ("tail", ("Top Stories", "Airline Pilots Vote to Strike Over Rosters", "Mayor Pledges 1,000 New Trees")),
        ("tail", ("Stories you may have missed", "Council approves 400 homes on gasworks site")),
        ("tail", ("• Related", "• Harbour Dredging Row Reaches High Court", "• Seafront Hotel Plan Rejected")),
        ("tail", ("Latest news", "Water Firms Face Record Fines Over Sewage Spills")),
        ("tail", ("• Harbour Dredging Row Reaches High Court", "• Why Small Ports Are Betting on Offshore Wind")),
        (
            "mid",
            (
                "Harbour Dredging Row Reaches High Court",
                "Why Small Ports Are Betting on Offshore Wind",
                "Ferry Operator Cuts Winter Timetable",
            ),
        ),
    ],
    "furniture.advertisement": [
        ("mid", ("Advertisement",)),
        ("mid", ("ADVERTISEMENT",)),
        ("mid", ("Story continues below advertisement",)),
        ("mid", ("Advertisement - Scroll to continue",)),
        ("mid", ("Sponsored",)),
        ("mid", ("Article continues below",)),
        ("mid", ("Ad Feedback",)),
        ("mid", ("Scroll to continue reading",)),
        ("mid", ("Sponsored Content",)),
        ("mid", ("Promoted by Harbour Bank",)),
        ("mid", ("ADVERTISING",)),
        ("tail", ("Advertisement",)),
        ("mid", ("Continue reading the main story",)),
        ("mid", ("Paid post",)),
        ("mid", ("Content continues below",)),
        ("top", ("Advertisement",)),
    ],
    "furniture.prompt": [
        ("mid", ("Sign up for our free morning briefing",)),
        ("mid", ("Subscribe to our newsletter",)),
        ("mid", ("Get the latest Harbour Times headlines in your inbox every morning",)),
        ("mid", ("Never miss a story: sign up to the Coastline News daily email",)),
        ("mid", ("Want more stories like this? Join 40,000 readers who get our newsletter",)),
        ("mid", ("Enter your email address to receive breaking news alerts",)),
        ("tail", ("Share this article",)),
        ("tail", ("Facebook Twitter LinkedIn Email",)),
        ("tail", ("Follow us on Twitter",)),
        ("tail", ("Follow The Ledger on Facebook for the latest updates",)),
        ("tail", ("Copy link",)),
        ("tail", ("Share via Email",)),
        ("mid", ("We use cookies to improve your experience on our site.",)),
        ("mid", ("Accept all cookies",)),
        ("top", ("This website uses cookies. By continuing to browse you agree.",)),
        ("mid", ("Download our app",)),
        ("mid", ("Like this story? Share it with a friend",)),
        ("mid", ("Be the first to know – sign up for breaking news alerts",)),
        ("top", ("Manage preferences",)),
    ],
    "furniture.photo-credit": [
        ("mid", ("Photo: Sarah Penhale/Farm Desk",)),
        ("mid", ("REUTERS/Tingshu Lam",)),
        ("mid", ("Getty Images",)),
        ("mid", ("Picture: Owen Price",)),
        ("mid", ("AFP via Getty Images",)),
        ("mid", ("Photograph: Ben Marsh/PA",)),
        ("mid", ("(Photo by Ana Ruiz/AFP)",)),
        ("mid", ("Image source, Getty Images",)),
        ("mid", ("Photo: Supplied",)),
        ("mid", ("Credit: Shutterstock",)),
        ("mid", ("Photograph: PA",)),
        ("mid", ("Marek Nowak/Valley Voice",)),
        ("mid", ("© Lucy Achebe",)),
        ("top", ("Photo: Harbour Board",)),
        ("mid", ("Reuters/Jo Lin/File Photo",)),
        ("mid", ("Courtesy of Kelmarsh Council",)),
        ("mid", ("REUTERS",)),
        ("top", ("Picture: Getty",)),
    ],
    "furniture.author-bio": [
        (
            "tail",
            (
                "Tamsin Hale",
                "Tamsin Hale is energy correspondent at Coastline News. She has covered the coast for twelve years.",
            ),
        ),
        ("tail", ("Colin Brankley", "Colin Brankley is an Editor at Transport Bulletin.")),
        ("tail", ("Owen Price is the Ledger's political editor.",)),
        ("tail", ("Priya Natarajan is a freelance journalist based in Glasgow who writes about housing.",)),
        ("tail", ("About the author: Sean Doherty has reported for Harbour Times since 2015.",)),
        ("tail", ("Lucy Achebe covers energy for The Courier. Contact her at desk@example.com.",)),
        ("tail", ("Marek Nowak", "Marek Nowak has been a reporter at Valley Voice since 2019.")),
        (
            "tail",
            (
                "Hannah O'Brien",
                "Hannah O'Brien is a senior reporter at Metro Pulse.",
                "She previously worked for a news agency in Dublin.",
            ),
        ),
        ("tail", ("Aiko Tanaka is business editor at BizDesk Asia and previously worked in Hong Kong.",)),
        ("tail", ("Joe McAllister", "Joe McAllister writes about transport for Northern Echo Online.")),
        ("tail", ("Rhys Evans is the Courier's chief reporter.",)),
        ("tail", ("By Rhys Evans", "Rhys Evans is the Courier's chief reporter.")),
        ("tail", ("He is a sub-editor at Harbour Times and a keen sailor.",)),
        ("tail", ("Ana Ruiz", "Ana Ruiz is a correspondent for CityWire Daily in Madrid.")),
        ("tail", ("Ruth Calloway is editor-in-chief at Brantham Media.",)),
        ("tail", ("Sean O'Neill", "Sean O'Neill is a columnist at The Ledger.")),
    ],
    "furniture.tag-line": [
        ("tail", ("AF China Bond",)),
        ("tail", ("Coastline Energy Tag",)),
        ("tail", ("Tags: energy, harbour, council",)),
        ("tail", ("Topics: Transport; Local government",)),
        ("tail", ("Filed under: Business",)),
        ("tail", ("#energy #council",)),
        ("tail", ("HT Markets",)),
        ("tail", ("Keywords: harbour, tidal power",)),
        ("tail", ("Categories: News, Local",)),
        ("tail", ("More about: Energy",)),
        ("tail", ("Ports",)),
        ("tail", ("Shipping Ports Dredging",)),
        ("mid", ("Tags: harbour, dredging",)),
        ("tail", ("Posted in Business",)),
        ("tail", ("Energy | Harbour | Council",)),
        ("tail", ("Topics",)),
    ],
}

# Copy that resembles each rule's furniture but is story: (where, line).
PASS: dict[str, list[tuple[str, str]]] = {
    "furniture.search-box": [
        ("mid", "Police said the search of the harbour would resume at first light."),
        ("mid", "Search teams found the missing kayaker on a sandbank near the mouth of the estuary."),
        ("mid", "The search for a new harbour master took eight months."),
        ("mid", "Residents can search the planning register for the application on the council's website."),
        ("mid", "Type approval for the new ferries is expected next month, the operator said."),
        ("mid", "The Search for Cleaner Shipping"),
        ("mid", '"What are you looking for?" the officer asked him, according to the charge sheet.'),
        ("mid", "Search and rescue crews were called out 41 times last year, up from 30."),
        ("mid", "Engineers will search the seabed for unexploded wartime mines before dredging starts."),
        ("mid", "The coastguard has called off its search."),
        ("top", "Search for Missing Fisherman Called Off After Five Days"),
        ("mid", "A site search by archaeologists found the remains of a medieval quay."),
        ("mid", "Enter the harbour at low tide and the silt is easy to see, fishermen say."),
        ("mid", "The board said the search for funding had taken longer than planned."),
        ("mid", "Anyone who types the harbour's name into a search engine finds the dredging row first."),
    ],
    "furniture.page-chrome": [
        ("top", "Home Buyers Face Higher Deposits as Lenders Tighten Rules"),
        ("mid", "The menu at the harbour café has not changed since 1987, its owner said."),
        ("mid", "Home ports for the new ferries will be decided in the spring."),
        ("mid", "Skip to the end of the meeting and the mood had changed completely."),
        ("mid", "Ferry passengers will be able to sign in at an automated gate from next year."),
        ("mid", "The report was published on 12 March and updated in April."),
        ("mid", "Two hours ago the tide turned, and the boats began to leave."),
        ("mid", "Comments from the public will be considered before the licence is granted."),
        ("mid", "He said he would listen to the fishermen before the board voted."),
        ("mid", "Sections of the sea wall were rebuilt in 2019."),
        ("mid", "Back to the drawing board, the chairman told the meeting."),
        ("mid", "Watch keepers at the harbour tower will work longer shifts during the dredging."),
        ("mid", "Privacy campaigners said the new gate cameras went too far."),
        ("mid", "Print runs of the harbour guide have fallen by half in five years."),
        ("mid", "What Happens Next"),
        ("mid", "The Grand Harbour Hotel Reopens Its Doors\n\nRooms From £90 a Night This Summer"),
        ("mid", "Ferry Results Table\n\nPenmorva 12 Kelmarsh 9\n\nScarsby 7 Harlow Vale 3\n\nAshby 4 Netherby 4"),
    ],
    "furniture.promo": [
        ("mid", "Read more about the consultation on the council's website, the board said."),
        ("mid", "Readers can read more about the plans in the harbour board's annual report."),
        ("mid", "Also on the agenda was a plan to raise mooring fees by 4%."),
        ("mid", "Related work on the breakwater will start in the autumn, the board said."),
        ("mid", "See also the board's statement of 3 March, which set out the costs."),
        ("mid", "Don't miss the tide, the harbour master told skippers on Monday."),
        ("mid", "More from the harbour board is expected when the regulator rules."),
        ("mid", "Watch: that was the one word on the placard held by a protester outside the meeting."),
        ("mid", "Q: What happens to the shellfish beds?"),
        ("mid", "A: The regulator will decide whether an independent study is needed."),
        ("mid", "Background: the channel was last dredged in 1998."),
        ("mid", "Also, the board agreed to publish its meeting minutes online for the first time."),
        ("mid", "Recommended changes to the plan include a ban on dredging during the spawning season."),
        ("mid", '"Read more, complain less," the chairman told critics at the meeting.'),
        ("mid", "Latest figures show ferry traffic rose 8% last year."),
    ],
    "furniture.related-block": [
        ("mid", "Related work on the breakwater will start in the autumn."),
        ("mid", "Key Dates for the Dredging Work"),
        ("mid", "Recommended by the board's engineers, the plan was approved unanimously."),
        ("mid", "What the Fishermen Say"),
        ("mid", "Most read of all the harbour's reports was a 1998 study of the estuary's silt."),
        ("mid", "More from the board's engineers is expected in the spring."),
        ("tail", "This story has been corrected to show that the plan costs £12 million, not £21 million."),
        ("mid", "* * *"),
        ("mid", "Top stories in the harbour newsletter are chosen by its readers."),
        ("mid", "- Work starts: October 2026"),
        ("mid", "The Road Ahead"),
        ("mid", "Latest news from the regulator suggests a decision by June."),
        ("mid", "You may also like the new ferry timetable, the operator told passengers."),
        ("mid", "Trending downwards, the price of marine diesel has helped ferry firms."),
        ("tail", "Editor's note: an earlier version of this story misspelt the harbour master's name."),
    ],
    "furniture.advertisement": [
        ("mid", "The board has spent £40,000 on an advertisement campaign to recruit pilots."),
        ("mid", "Advertising income at the harbour's visitor centre rose last year."),
        ("mid", "The advert for the harbour master's job drew 60 applicants."),
        ("mid", "Sponsored by the local council, the study will report in June."),
        ("mid", "The story continues below the harbour wall, where the old quay once stood."),
        ("mid", "Ad hoc repairs to the channel markers cost £80,000 a year."),
        ("mid", "The regatta is sponsored by a local brewery."),
        ("mid", "Promoted to harbour master in 2019, Quirke has pressed for the work ever since."),
        ("mid", "Paid posts at the harbour will rise from 30 to 42."),
        ("mid", "The article continues a debate that began in the 1990s."),
        ("mid", "Scroll back to 1998 and the same arguments were being made."),
        ("mid", "Advertising Rules Tightened for Ferry Operators"),
        ("mid", "Critics said the harbour's advertising was misleading."),
        ("mid", "The council's partner content deal with a local paper ended last year."),
        ("mid", "Skippers continue reading the tide tables as their grandfathers did."),
    ],
    "furniture.prompt": [
        ("mid", "More than 10,000 readers subscribe to the harbour newsletter, the board said."),
        ("mid", "The newsletter, launched in 2019, now reaches 8,000 inboxes."),
        ("mid", "Subscribers pay nothing; the cost is covered by mooring fees."),
        ("mid", "Fishermen signed up to a scheme to report lost nets last year."),
        ("mid", "The regulator fined the ferry operator's website for setting cookies without consent."),
        ("mid", '"Sign up, turn up and speak up," the fishermen\'s leader told members.'),
        ("mid", "Share prices of the ferry operator rose 3% after the decision."),
        ("mid", "Follow the money and the case for dredging is clear, the chairman argued."),
        ("mid", "Quirke, who has 4,000 followers on social media, posted a photograph of the silt."),
        ("mid", "The harbour shares its pilots with two neighbouring ports."),
        ("mid", "The board said people could download the plans from its website."),
        ("mid", "Cookies and tea were served to protesters outside the meeting."),
        ("mid", "Readers who want to share their views can write to the board before June."),
        ("mid", "The app used by ferry passengers crashed twice last summer."),
        ("mid", "Tweet by tweet, campaigners have tracked the silt levels for years."),
    ],
    "furniture.photo-credit": [
        ("mid", "A photograph taken in 1998 shows the channel almost dry at low tide."),
        ("mid", "Photo: A dredger at work in the channel in 1998."),
        ("mid", "Picture the harbour in 1950, when 200 boats fished from it."),
        ("mid", "Getty Images and Reuters both carried pictures of the protest."),
        ("mid", "The photographer, Ana Ruiz, spent a week on the dredger."),
        ("mid", "Fishing boats moored in the inner harbour, where the new channel would begin."),
        ("mid", "Image rights to the harbour's logo belong to the council."),
        ("mid", "Credit for the plan goes to the harbour's engineers, the chairman said."),
        ("mid", "Courtesy calls to neighbouring ports will continue during the work."),
        ("mid", "The board used a drone to photograph the silt."),
        ("mid", "Reuters could not independently verify the figures."),
        ("mid", "Pictures from the meeting show a packed hall."),
        ("mid", "Shutterstock and other agencies sell images of the harbour."),
        ("mid", "Supplied with new charts, skippers will be told the depths each week."),
        ("mid", "Source: Harbour board annual report, 2025"),
    ],
    "furniture.author-bio": [
        ("mid", "Quirke is a former correspondent at a shipping newspaper who became harbour master in 2019."),
        ("mid", "The board's chairman, Tom Reed, is a retired editor at a regional newspaper."),
        ("mid", "Ellen Quirke is a reporter's daughter who went to sea at 16."),
        ("mid", "He covers the cost of the study himself, he said."),
        ("tail", "The harbour board meets again on June 4."),
        ("mid", "Ruth Okeke was a reporter at the Evening Star from 1968 to 2003."),
        ("mid", "The minister was a journalist before entering politics."),
        ("mid", "Tamsin Hale"),
        ("mid", "A spokesman for the regulator, who is a former journalist, declined to comment."),
        ("mid", "Fishermen's leader Sam Tregaskis writes a weekly column for the harbour newsletter."),
        ("mid", "She is a writer and campaigner who has lived on the estuary for 30 years."),
        ("mid", "Journalists were not allowed into the board's private session."),
        ("mid", "The reporter who first revealed the plan was not named."),
        ("mid", "About the harbour: it handled 1.2 million passengers last year."),
        ("tail", "Additional reporting by Sam Tregaskis"),
    ],
    "furniture.tag-line": [
        ("mid", "What Happens Next"),
        ("mid", "Key points"),
        ("mid", "* * *"),
        ("mid", "The Cost"),
        ("mid", "Tags on the lobster pots will be checked by inspectors."),
        ("mid", "Topics at the meeting ranged from mooring fees to parking."),
        ("mid", "Filed under the board's emergency powers, the plan needs no public vote."),
        ("mid", "Categories of vessel allowed in the channel will be set by the harbour master."),
        ("mid", "Ports Across the Region"),
        ("mid", "Dredging"),
        ("mid", "Why It Matters"),
        ("mid", "#1 priority, the chairman called it."),
        ("tail", "Additional reporting by Sam Tregaskis"),
        ("tail", "(Reporting by Jonas Reed)"),
        ("mid", "Posted in the harbour office, the notice gave 28 days."),
    ],
}
EXTRA_LINES = ["Sign up to our newsletter", "Harbour Times is on WhatsApp", "Support local journalism"]
HOUSE_FLAG = [
    ("mid", ("Sign up to our newsletter",)),
    ("mid", ("Sign up to our newsletter here",)),
    ("mid", ("SIGN UP TO OUR NEWSLETTER",)),
    ("mid", ("Sign up to our newsletter: it's free",)),
    ("tail", ("Sign up to our newsletter",)),
    ("top", ("Sign up to our newsletter",)),
    ("mid", ("Harbour Times is on WhatsApp",)),
    ("mid", ("Harbour Times is on WhatsApp. Click here to join",)),
    ("tail", ("Harbour Times is on WhatsApp",)),
    ("mid", ("harbour times is on whatsapp",)),
    ("mid", ("Support local journalism",)),
    ("mid", ("Support local journalism today",)),
    ("tail", ("Support local journalism — donate",)),
    ("mid", ("  Support local journalism",)),
    ("mid", ("• Sign up to our newsletter",)),
]
HOUSE_PASS = [
    ("mid", "Fishermen who sign up to our newsletter, the board said, will get tide warnings."),
    ("mid", "The board said Harbour Times is on WhatsApp groups used by skippers."),
    ("mid", "Readers asked to support local journalism gave £12,000 last year."),
    ("mid", "Support for the plan is growing, the chairman said."),
    ("mid", "The harbour's newsletter is free."),
    ("mid", "WhatsApp groups are used by most skippers in the port."),
    ("mid", "Local journalism has covered the dredging row for a decade."),
    ("mid", "The board signed up to a national ports charter in 2020."),
    ("mid", "Harbour Times reported the plan first."),
    ("mid", "Supporters of the plan held a rally on Saturday."),
    ("mid", "Our newsletter readers voted the harbour café the best in the county."),
    ("mid", "Sign-ups to the harbour's volunteer scheme doubled."),
    ("mid", "The council does not support local journalism directly, it said."),
    ("mid", "On WhatsApp, skippers shared pictures of the silt."),
    ("mid", "Harbour Times staff were not allowed into the meeting."),
]


def check(text: str, extra: list[str] | None = None) -> list[Finding]:
    style = HouseStyle(checks={"furniture": {"extra-lines": extra}} if extra is not None else {})
    doc = document_from_text(text)
    return list(FurnitureCheck(CheckContext(style=style)).check_document(doc))


def _insert(where: str, lines: tuple[str, ...], credit: bool = True) -> str:
    return draft(**{where: lines}, credit=credit)


def _assert_flagged(rule: str, where: str, lines: tuple[str, ...], extra: list[str] | None = None) -> None:
    text = _insert(where, lines)
    findings = check(text, extra)
    mine = [f for f in findings if f.rule == rule]
    assert len(mine) == 1, (rule, lines, [(f.rule, f.text) for f in findings])
    f = mine[0]
    assert [ln for ln in f.text.split("\n") if ln.strip()] == list(lines)
    assert f.text.endswith("\n"), "a furniture span takes its line break"
    assert f.suggestions == ("",) and f.category == Category.FURNITURE
    story = story_lines()
    for g in findings:
        assert not any(s in g.text for s in story), (g.rule, g.text)


def _cases(table: dict[str, list[tuple[str, tuple[str, ...]]]]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(rule, where, lines) for rule, rows in table.items() for where, lines in rows]


@pytest.mark.parametrize(("rule", "where", "lines"), _cases(FLAG))
def test_should_flag(rule: str, where: str, lines: tuple[str, ...]) -> None:
    _assert_flagged(rule, where, lines)


@pytest.mark.parametrize(("rule", "where", "line"), [(r, w, ln) for r, rows in PASS.items() for w, ln in rows])
def test_should_pass(rule: str, where: str, line: str) -> None:
    findings = check(_insert(where, (line,)))
    assert not [f for f in findings if line in f.text], (rule, line, [(f.rule, f.text) for f in findings])


@pytest.mark.parametrize(("where", "lines"), HOUSE_FLAG)
def test_house_lines_flag(where: str, lines: tuple[str, ...]) -> None:
    _assert_flagged("furniture.house-line", where, lines, EXTRA_LINES)


@pytest.mark.parametrize(("where", "line"), HOUSE_PASS)
def test_house_lines_pass(where: str, line: str) -> None:
    assert not [f for f in check(_insert(where, (line,)), EXTRA_LINES) if line in f.text]


def test_house_lines_only_when_configured() -> None:
    text = _insert("mid", ("Harbour Times is on WhatsApp",))
    assert not check(text)
    assert [f.rule for f in check(text, ["Harbour Times is on WhatsApp"])] == ["furniture.house-line"]


def test_every_rule_has_fifteen_examples_each_way() -> None:
    for info in FurnitureCheck.rules:
        flags = HOUSE_FLAG if info.id == "furniture.house-line" else FLAG.get(info.id, [])
        passes = HOUSE_PASS if info.id == "furniture.house-line" else PASS.get(info.id, [])
        assert len(flags) >= 15 and len(passes) >= 15, info.id


def test_clean_story_has_no_furniture() -> None:
    assert check(draft()) == []
    assert check(draft(credit=False)) == []


def test_bio_is_a_warning_and_block_findings_are_errors() -> None:
    findings = check(_insert("tail", ("Tamsin Hale", "Tamsin Hale is a reporter at Coastline News.")))
    assert [(f.rule, f.severity) for f in findings] == [("furniture.author-bio", Severity.WARNING)]
    findings = check(_insert("mid", ("Advertisement",)))
    assert [(f.rule, f.severity) for f in findings] == [("furniture.advertisement", Severity.ERROR)]


def test_related_block_is_one_finding_with_its_trailing_break() -> None:
    text = _insert("tail", ("Read more:", "Dredging Row Reaches High Court", "Seafront Hotel Plan Rejected"))
    (f,) = check(text)
    assert f.text == "Read more:\n\nDredging Row Reaches High Court\n\nSeafront Hotel Plan Rejected\n"
    assert text[f.start : f.end] == f.text


def test_last_line_without_newline_takes_the_break_before_it() -> None:
    text = draft(tail=("AF Harbour Bond",)).rstrip("\n")
    (f,) = check(text)
    assert f.text == "\nAF Harbour Bond" and f.end == len(text)


def test_credit_lines_are_never_furniture() -> None:
    credits = [
        "  • Reuters with additional editing by Sean Doyle",
        "(Reporting by Ana Ruiz; Editing by Tom Cole)",
        "Additional reporting by Sam Tregaskis in Falmouth",
        "— AP",
        "Bloomberg",
        "Compiled by Harbour Times staff",
        "• AFP with additional editing by Nora Blake",
        "Associated Press writer Nia Bowen in Cardiff contributed to this report.",
        "REUTERS",
    ]
    for credit in credits:
        text = "\n\n".join([HEADLINE, STANDFIRST, *BODY, credit, "Read more:", "Seafront Hotel Plan Rejected"]) + "\n"
        findings = check(text)
        assert [f.rule for f in findings] == ["furniture.related-block"], credit
        assert credit not in findings[0].text


def test_markdown_style_blocks_take_their_markup() -> None:
    text = f"# {HEADLINE}\n\n{BODY[0]}\n\n{BODY[1]}\n\n{CREDIT}\n\n- Read more\n- Seafront Hotel Plan Rejected\n"
    (f,) = check(text)
    assert f.text == "- Read more\n- Seafront Hotel Plan Rejected\n"


def test_bad_extra_lines_option_is_ignored_not_fatal() -> None:
    style = HouseStyle(checks={"furniture": {"extra-lines": 42}})
    doc = document_from_text(draft())
    assert list(FurnitureCheck(CheckContext(style=style)).check_document(doc)) == []


def test_fixture_path_exists(fixtures_dir: Path) -> None:
    assert (fixtures_dir / "newsroom" / "rail-depot.txt").is_file()


# --- Whole drafts: golden findings and `fix --accept duplicate,furniture` semantics -----------------------------

NEWSROOM_FIXTURES = ["rail-depot", "grain-prices", "clean-pool"]
SEED = Path("/work/shared/seed-draft.txt")


def _newsroom_findings(text: str) -> tuple[Document, list[Finding]]:
    from proofdesk.core.engine import Engine, EngineConfig

    doc = document_from_text(text)
    engine = Engine(EngineConfig(only=frozenset({"duplicate", "furniture"})))
    return doc, engine.check(doc)


def _accept_all(text: str, findings: list[Finding]) -> str:
    from proofdesk.core.corrections import apply_edits, edit_for, resolve_overlaps

    chosen, _ = resolve_overlaps(f for f in findings if f.category in (Category.DUPLICATE, Category.FURNITURE))
    fixed, _ = apply_edits(text, [edit_for(f) for f in chosen])
    return fixed


def _lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


@pytest.mark.parametrize("name", NEWSROOM_FIXTURES)
def test_newsroom_golden(name: str, fixtures_dir: Path, golden_dir: Path) -> None:
    import json
    import os

    from proofdesk import __version__

    path = fixtures_dir / "newsroom" / f"{name}.txt"
    doc, findings = _newsroom_findings(path.read_text(encoding="utf-8"))
    got = {
        "proofdesk": __version__,
        "files": [
            {
                "path": f"newsroom/{name}.txt",
                "language": "en-GB",
                "words": doc.words,
                "findings": [f.to_json(*doc.line_col(f.start)) for f in findings],
            }
        ],
    }
    golden = golden_dir / "newsroom" / f"{name}.json"
    rendered = json.dumps(got, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("PROOFDESK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}: run with PROOFDESK_UPDATE_GOLDEN=1 and review the diff"
    assert rendered == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["rail-depot", "grain-prices"])
def test_accepting_duplicates_and_furniture_leaves_the_story(name: str, fixtures_dir: Path) -> None:
    text = (fixtures_dir / "newsroom" / f"{name}.txt").read_text(encoding="utf-8")
    story = (fixtures_dir / "newsroom" / f"{name}.story.txt").read_text(encoding="utf-8")
    _, findings = _newsroom_findings(text)
    assert _lines(_accept_all(text, findings)) == _lines(story)


def test_clean_fixture_has_no_newsroom_findings(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "newsroom" / "clean-pool.txt").read_text(encoding="utf-8")
    assert _newsroom_findings(text)[1] == []


@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed draft is not on this machine")
def test_seed_draft_fix_keeps_story_quotes_and_credit() -> None:
    """The seed's own structure is the oracle: furniture above the headline, one adjacent repeated line,
    one promo between paragraphs, and everything after the credit line; the rest is story."""
    text = SEED.read_text(encoding="utf-8")
    lines = _lines(text)
    credit = next(i for i, ln in enumerate(lines) if "editing by" in ln.lower())
    repeated = next(i for i in range(1, credit) if lines[i] == lines[i - 1])
    promo = next(i for i in range(credit) if lines[i].startswith("Also on"))
    expected = [ln for i, ln in enumerate(lines[: credit + 1]) if i not in (0, repeated, promo)]
    _, findings = _newsroom_findings(text)
    fixed = _lines(_accept_all(text, findings))
    assert fixed == expected
    assert any(ln.startswith("“") for ln in fixed), "the unattributed quote paragraph stays"
    assert fixed[-1] == lines[credit]


# --- Properties: whatever the mix of lines, spans are whole lines and deleting them glues nothing ---------------


_ANY_LINE = st.sampled_from(
    [
        *story_lines(),
        *(ln for rows in FLAG.values() for _, lines in rows for ln in lines),
        *(ln for rows in PASS.values() for _, ln in rows),
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_ANY_LINE, min_size=1, max_size=14),
    st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=14, max_size=14),
    st.booleans(),
)
def test_spans_are_whole_lines(lines: list[str], gaps: list[str], final_newline: bool) -> None:
    from proofdesk.core.checks.duplicates import DuplicatesCheck

    text = "".join(ln + gap for ln, gap in zip(lines, gaps, strict=False)).rstrip("\n") + (
        "\n" if final_newline else ""
    )
    doc = document_from_text(text)
    ctx = CheckContext()
    findings = [*FurnitureCheck(ctx).check_document(doc), *DuplicatesCheck(ctx).check_document(doc)]
    for f in findings:
        assert text[f.start : f.end] == f.text and f.suggestions == ("",)
        if f.rule == "duplicate.sentence":
            continue
        starts_line = f.start == 0 or text[f.start - 1] == "\n" or f.text.startswith("\n")
        ends_line = f.text.endswith("\n") or f.end == len(text)
        assert starts_line and ends_line, f
    fixed = _accept_all(text, [f for f in findings if f.rule != "duplicate.sentence"])
    assert all(ln in text.split("\n") or ln.strip() == "" for ln in fixed.split("\n")), "a deletion glued two lines"
