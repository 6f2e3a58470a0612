"""The token inspector in a real browser: python3 inspector.py BASE_URL REPOSITORY SCREENSHOT_FOLDER."""

import pathlib
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import Browser

base, repository, screenshots = sys.argv[1:4]
repository = pathlib.Path(repository)
statement_file = repository / "examples" / "software-statement.jwt"
statement = statement_file.read_text().strip()
public_key = (repository / "keys" / "dev-statement.pub.jwk").read_text()

browser = Browser(base, screenshots)
try:
    browser.open("/ui/inspect")
    browser.check("title", "Token inspector" in browser.driver.title, browser.driver.title)
    browser.check("every control has a label", not browser.unlabelled_controls(), str(browser.unlabelled_controls()))
    # Keyboard: the skip link comes first, and leads to the content.
    browser.find("body").send_keys(Keys.TAB)
    active = browser.driver.switch_to.active_element
    browser.check("skip link first", active.get_attribute("class") == "skip", active.get_attribute("outerHTML"))
    browser.screenshot("inspector-form")

    # A file picked from disk fills the token field (the page's one script), then the form is sent with the keyboard.
    browser.find("#token-file").send_keys(str(statement_file))
    for _ in range(50):
        if browser.find("#token").get_property("value").strip():
            break
        time.sleep(0.1)
    browser.check("file fills the field", browser.find("#token").get_property("value").strip() == statement,
                  browser.find("#token").get_property("value")[:60])
    browser.submit("button[type=submit]", then="article.token", key=Keys.ENTER)
    header = browser.find("pre[data-part=header]").text
    payload = browser.find("pre[data-part=payload]").text
    browser.check("header shown in order", header.index('"alg"') < header.index('"kid"') and "dev-statement-2026" in header, header)
    browser.check("payload shown", '"software_id"' in payload and payload.index('"sub"') < payload.index('"software_id"'), payload)
    rules = [row.get_attribute("data-rule") for row in browser.find_all("table.findings tbody tr")]
    browser.check("lint findings with rule ids", "typ-missing" in rules and "statement-exp-absent" in rules, str(rules))
    citations = browser.find("table.findings tbody tr[data-rule=typ-missing]").text
    browser.check("findings cite the RFC", "RFC 8725" in citations, citations)
    browser.check("profile detected", "software-statement" in browser.find("p.profile").text, browser.find("p.profile").text)
    browser.check("not checked without keys", browser.find("[data-verdict]").get_attribute("data-verdict") == "unchecked")
    local = [cell.text for cell in browser.find_all("td.local")]
    browser.check("times in local time", local and all(text and text != "needs JavaScript" for text in local), str(local))
    browser.screenshot("inspector-statement")

    # With the statement's public key: verified.
    browser.set_text("#keys", public_key)
    browser.submit("button[type=submit]", then="article.token")
    verdict = browser.find("[data-verdict]")
    browser.check("verified with the key", verdict.get_attribute("data-verdict") == "verified" and "RS256" in verdict.text, verdict.text)
    browser.check("the form keeps the key", "dev-statement-2026" in browser.find("#keys").get_property("value"))
    browser.screenshot("inspector-verified")

    # A tampered payload: the failure and its reason.
    head, body, signature = statement.split(".")
    tampered = ".".join([head, body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB"), signature])
    browser.set_text("#token", tampered)
    browser.submit("button[type=submit]", then="article.token")
    verdict = browser.find("[data-verdict]")
    reasons = [item.text for item in browser.find_all(".verdict.bad li")]
    browser.check("tampered token fails", verdict.get_attribute("data-verdict") == "failed", verdict.text)
    browser.check("with its reason", any("signature" in reason for reason in reasons), str(reasons))
    browser.screenshot("inspector-tampered")

    # Two tokens and a line that is not one: three results, as jwstool lint gives.
    browser.set_text("#token", statement + "\nnot a token\n" + statement)
    browser.submit("button[type=submit]", then="article.token")
    labels = [heading.text for heading in browser.find_all("article.token h3")]
    browser.check("one result per line", labels == ["pasted:1", "pasted:2", "pasted:3"], str(labels))

    browser.check("no Content-Security-Policy violations", not browser.policy_violations(), str(browser.policy_violations()))
except Exception as error:  # every failure is reported, and fails the run
    browser.failed(error)
finally:
    browser.finish()
