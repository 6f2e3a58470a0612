"""The dashboard in a real browser: python3 dashboard.py BASE_URL REPOSITORY SCREENSHOT_FOLDER ADMIN_TOKEN DOWNLOADS.

Signs in (a wrong token first), creates an application, downloads its statement (the file lands in DOWNLOADS, for the
Swift test to verify with the server's JWKS through the CLI), revokes it, and draws the usage chart, whose points must
be as many as the rows the report API returns for the same query."""

import datetime
import json
import pathlib
import sys
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser import Browser

base, repository, screenshots, admin_token, downloads = sys.argv[1:6]
downloads = pathlib.Path(downloads)

browser = Browser(base, screenshots, downloads=downloads)
try:
    # Not signed in: the dashboard sends you to the sign-in page.
    browser.open("/ui/")
    browser.check("sign-in first", browser.driver.current_url.endswith("/ui/signin"), browser.driver.current_url)
    browser.set_text("#admin-token", "not-the-token")
    problem = browser.submit("button[type=submit]", then="p.problem").text
    browser.check("wrong token refused", "Refused" in problem, problem)
    browser.check("no session after a refusal", not browser.driver.get_cookies(), str(browser.driver.get_cookies()))
    browser.screenshot("dashboard-signin-refused")

    browser.set_text("#admin-token", admin_token)
    browser.submit("button[type=submit]", then="h1")
    browser.check("signed in", browser.driver.current_url.endswith("/ui/"), browser.driver.current_url)
    cookies = browser.driver.get_cookies()
    session = next((cookie for cookie in cookies if cookie["name"] == "jwstool_session"), {})
    browser.check("session cookie HttpOnly, SameSite=Strict, /ui", session.get("httpOnly") and session.get("sameSite") == "Strict"
                  and session.get("path") == "/ui", str(session))
    browser.check("every control has a label", not browser.unlabelled_controls(), str(browser.unlabelled_controls()))

    # Create an application.
    browser.set_text("#name", "Browser Player")
    browser.set_text("#version", "4.2.0")
    browser.set_text("#platforms", "tvos, roku")
    browser.set_text("#domains", "example.com")
    browser.set_text("#scopes", "usage:read")
    browser.submit("form.create button[type=submit]", then="code[data-field=id]")
    application_id = browser.find("code[data-field=id]").text
    browser.check("created", "Browser Player" in browser.find("h1").text and len(application_id) == 36, browser.find("h1").text)
    browser.open("/ui/")
    names = [cell.text for cell in browser.find_all("table.applications tbody th")]
    browser.check("listed", "Browser Player" in names, str(names))
    browser.screenshot("dashboard-applications")

    # Download a statement: a file.
    browser.open(f"/ui/applications/{application_id}")
    browser.find("#download").click()
    statement = None
    for _ in range(100):
        files = list(downloads.glob("*.jwt"))
        if files and not list(downloads.glob("*.crdownload")):
            statement = files[0].read_text().strip()
            break
        time.sleep(0.1)
    browser.check("statement downloaded", statement is not None and statement.count(".") == 2, str(list(downloads.iterdir())))
    browser.screenshot("dashboard-application")

    # Revoke.
    browser.submit("#revoke", then="h1 .status")
    browser.check("revoked", "revoked" in browser.find("h1 .status").text.lower(), browser.find("h1").text)

    # The usage chart: as many points as rows in the report API's answer to the same query.
    browser.open("/ui/usage")
    Select(browser.find("#by")).select_by_value("endpoint")
    Select(browser.find("#per")).select_by_value("day")
    browser.set_text("#start", (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=14)).strftime("%Y-%m-%d"))
    svg = browser.submit("form.chart button[type=submit]", then="figure.chart svg")
    points = len(browser.find_all("figure.chart svg path.point"))
    report = browser.find("a[data-report]").get_attribute("data-report")
    request = urllib.request.Request(base + report, headers={"Authorization": f"Bearer {admin_token}", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as answer:
        rows = json.load(answer)["report"]
    browser.check("chart points = report rows", points == len(rows) and points > 20, f"{points} points, {len(rows)} rows")
    browser.check("the SVG says how many", svg.get_attribute("data-points") == str(points), svg.get_attribute("data-points"))
    browser.check("chart has a text alternative", browser.find("figure.chart svg title").get_attribute("textContent").strip() != "")
    table_rows = len(browser.find_all("table.chart-data tbody tr"))
    browser.check("every value in the table", table_rows == points, f"{table_rows} table rows")
    browser.screenshot("dashboard-usage")

    # Signing out ends the session.
    browser.submit("form.signout button", then="#admin-token")
    browser.open("/ui/")
    browser.check("signed out", browser.driver.current_url.endswith("/ui/signin"), browser.driver.current_url)

    browser.check("no Content-Security-Policy violations", not browser.policy_violations(), str(browser.policy_violations()))
    print("application", application_id)
    if statement:
        (downloads / "statement.txt").write_text(statement + "\n")
except Exception as error:  # every failure is reported, and fails the run
    browser.failed(error)
finally:
    browser.finish()
