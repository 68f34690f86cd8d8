"""The console in a real browser: Debian's Chromium driven by Playwright for Python.

Signs in, waits for the people per trigger on the overview, filters the files, opens one, marks
its SSN a false positive everywhere, sees the overview's unique SSNs drop by one, looks at the
people and the values, signs out, and checks the console is closed again.

usage: console_flow.py BASE_URL USER PASSWORD CHROMIUM FILTER [SCREENSHOT.png]
"""
import sys

from playwright.sync_api import sync_playwright


def unique_ssns(page):
    return int(page.text_content("#detector-us_ssn td:nth-child(3)").replace(",", ""))


def main():
    base, user, password, chromium, filter_text = sys.argv[1:6]
    screenshot = sys.argv[6] if len(sys.argv) > 6 else None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto(base + "/")
        assert page.url == base + "/login", page.url
        page.fill("input[name=user]", user)
        page.fill("input[name=password]", password)
        page.click("form.login button")
        assert page.url == base + "/", page.url
        before = unique_ssns(page)
        # People are counted on a thread of the server's own: the overview shows them once done.
        for _ in range(100):
            if "Counting people" not in page.text_content("main"):
                break
            page.wait_for_timeout(100)
            page.reload()
        assert page.locator("#triggers").count() == 1, "no people per trigger on the overview"
        if screenshot:
            page.screenshot(path=screenshot, full_page=True)

        page.click("nav >> text=Files")
        page.fill("input[name=q]", filter_text)
        page.click("form.filter button")
        links = page.locator("td.path a")
        assert links.count() == 1, links.count()
        links.first.click()
        assert "/file?path=" in page.url, page.url
        mark = page.locator(
            "form.triage:has(input[name=detector][value=us_ssn]):has(input[name=state][value=false_positive])").first
        mark.locator("input[name=comment]").fill("a test number")
        mark.locator("button").click()
        assert "/file?path=" in page.url, page.url
        assert "false_positive" in page.text_content("table"), "the decision is not shown"

        page.click("nav >> text=Overview")
        after = unique_ssns(page)
        assert after == before - 1, (before, after)
        assert page.text_content("dl.headline").count("False positives") == 1

        page.click("nav >> text=People")
        assert page.locator("#triggers").count() == 1
        page.click("nav >> text=Values")
        assert page.locator("td.path a").count() > 0, "no values listed"

        page.click("nav form.logout button")
        assert page.url == base + "/login", page.url
        page.goto(base + "/files")
        assert page.url == base + "/login", page.url
        # The CSP lets nothing inline run, and the pages need nothing that it blocks.
        assert not errors, errors
        browser.close()
        print("ok", before, after)


if __name__ == "__main__":
    main()
