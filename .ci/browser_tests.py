#!/usr/bin/env python3
"""Browser tests: a real Limber server, a real headless Chromium, driven the way a person would.

Usage: .ci/browser_tests.py PATH-TO-LIMBER-BINARY [pages] [accounts]
Writes screenshots of every page at phone and desktop sizes to .ci/screenshots/.
"""
import base64
import hashlib
import hmac
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
SHOTS = os.path.join(HERE, "screenshots")
PAGES = [
    ("home", "/"),
    ("region-calf", "/regions/calf"),
    ("exercise-calf-stretch", "/exercises/calf-stretch-wall"),
    ("routines", "/routines"),
    ("routine-seed", "/routines/seed-full"),
    ("routine-new", "/routines/new"),
    ("safety-check", "/play?region=calf&side=left"),
    ("player", "/play?region=calf&side=left&checked={now}"),
    ("diary", "/diary"),
    ("safety", "/safety"),
    ("export", "/export"),
    ("reminders", "/reminders"),
    ("settings", "/settings"),
    ("check-upper-back", "/play?region=upper-back"),
]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, folder):
    port = free_port()
    env = dict(os.environ, LIMBER_DATABASE=os.path.join(folder, "limber.sqlite"))
    process = subprocess.Popen([binary, "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            # The health check answers with or without accounts; every other path needs a sign-in once one exists.
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return process, base
        except Exception:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start: " + (process.stdout.read() if process.stdout else ""))


def make_driver(width, height):
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    if width < 500:
        # Headless Chromium will not make a window narrower than 500 px; emulate the phone instead.
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    else:
        options.add_argument(f"--window-size={width},{height}")
    options.add_argument("--autoplay-policy=no-user-gesture-required")
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    # A busy CI machine can be slow to load the next page after a click; wait for elements to appear.
    driver.implicitly_wait(10)
    return driver


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds)


def three_taps(base):
    """On a fresh 360x740 phone: the body map, the region's Start, then "None of these apply: start".

    The third tap must start the session and play its first cue, with nothing scrolled before any
    tap: each button is on the first screen. Screenshots of every step go to .ci/screenshots/.
    """
    driver = make_driver(360, 740)
    os.makedirs(SHOTS, exist_ok=True)
    try:
        def visible_without_scrolling(element, what):
            top, bottom, scrolled = driver.execute_script(
                "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.scrollY]", element)
            check(scrolled == 0 and top >= 0 and bottom <= 740,
                  f"{what} is on the first screen with nothing scrolled (top {top:.0f}, bottom {bottom:.0f}, scrolled {scrolled})")

        driver.get(base + "/")
        driver.save_screenshot(os.path.join(SHOTS, "three-taps-1-home-360x740.png"))
        calf = driver.find_element(By.CSS_SELECTOR, ".bodymap a[href='/regions/calf']")
        visible_without_scrolling(calf, "the calf on the body map")
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", calf)  # tap 1
        wait(driver).until(EC.url_contains("/regions/calf"))
        driver.save_screenshot(os.path.join(SHOTS, "three-taps-2-region-360x740.png"))
        start = driver.find_element(By.CSS_SELECTOR, ".start-form button[type='submit']")
        visible_without_scrolling(start, "the region page's Start button")
        start.click()  # tap 2
        wait(driver).until(EC.url_contains("/play"))
        driver.save_screenshot(os.path.join(SHOTS, "three-taps-3-check-360x740.png"))
        none = wait(driver).until(EC.element_to_be_clickable((By.ID, "none-apply")))
        visible_without_scrolling(none, "'None of these apply: start'")
        check("First time" in driver.page_source, "the first relief session asks once about health conditions")
        wait(driver).until(lambda d: d.find_element(By.ID, "load-status").get_attribute("textContent") == "Ready.")
        none.click()  # tap 3
        wait(driver).until(lambda d: d.find_element(By.ID, "stage").is_displayed())
        wait(driver).until(lambda d: d.find_element(By.ID, "cue-text").text.strip() != ""
                           or d.find_element(By.ID, "announcer").text.strip() != "")
        time.sleep(0.5)
        driver.save_screenshot(os.path.join(SHOTS, "three-taps-4-first-cue-360x740.png"))
        label = driver.find_element(By.ID, "step-label").text
        check("Get ready" in label or "hold" in label, f"the third tap plays the session's first step ({label!r})")
        check(driver.execute_script("return window.limberPlayer.offset") > 0, "the session clock is running")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".how-to-exercise:not([hidden]) li")) > 0,
              "the player has the current exercise's steps under 'How to do it'")
        check(driver.find_element(By.ID, "cautions-list").is_displayed(), "the cautions show while getting into position")
        driver.find_element(By.ID, "toggle").click()
        check(driver.find_element(By.ID, "paused-label").is_displayed(), "a pause says 'Paused' in words")
        driver.save_screenshot(os.path.join(SHOTS, "three-taps-5-paused-360x740.png"))
        # The answer to the conditions question was saved, so the next session does not ask again.
        driver.get(base + "/play?region=calf")
        check("First time" not in driver.page_source, "the conditions question is asked only once")
    finally:
        driver.quit()


def guided_session(driver, base):
    """Tap the calf, choose the left side, start, watch the countdown, skip to the end, rate, save."""
    driver.get(base + "/")
    calf = driver.find_element(By.CSS_SELECTOR, ".bodymap a[href='/regions/calf']")
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", calf)
    wait(driver).until(EC.url_contains("/regions/calf"))
    check(driver.current_url.endswith("/regions/calf"), "tapping the calf on the body map opens the calf page")
    driver.find_element(By.CSS_SELECTOR, ".side-choice input[value='left']").click()
    driver.find_element(By.CSS_SELECTOR, ".start-form button[type='submit']").click()
    wait(driver).until(EC.url_contains("/play"))
    check("None of the signs below apply" in driver.page_source, "a relief session begins with the warning-sign check")
    # "Check my answers" with nothing ticked answers every question no, and goes through the server.
    wait(driver).until(lambda d: d.find_element(By.ID, "load-status").get_attribute("textContent") == "Ready.")
    driver.find_element(By.CSS_SELECTOR, ".safety-check button[value='check']").click()
    wait(driver).until(EC.url_contains("checked="))
    check("side=left" in driver.current_url, "'Check my answers' opens the player for the left side")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "start"))).click()
    wait(driver).until(lambda d: d.find_element(By.ID, "count").text.strip() != "")
    first = driver.find_element(By.ID, "count").text
    time.sleep(2.2)
    second = driver.find_element(By.ID, "count").text
    check(first != second, f"the countdown advances ({first} then {second})")
    for _ in range(60):
        if driver.find_element(By.ID, "finish").is_displayed():
            break
        driver.find_element(By.ID, "skip").click()
        time.sleep(0.1)
    check(driver.find_element(By.ID, "finish").is_displayed(), "skipping to the end shows the finish form")
    for group in driver.find_elements(By.CSS_SELECTOR, "#ratings fieldset"):
        radios = group.find_elements(By.CSS_SELECTOR, "input[type='radio']")
        if radios:
            driver.execute_script("arguments[0].click()", radios[min(1, len(radios) - 1)])
    driver.find_element(By.ID, "save").click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "saved")))
    check(True, "the session record is saved")
    driver.get(base + "/diary")
    sessions = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".session-list"))).text
    check("calf" in sessions.lower(), "the session appears in the diary")


# Routines whose traces the web player must follow: side stretches in sets with rests, then a set of
# repetitions (relief-neck); two sets of repetitions back to back, then holds (back-spasm).
TRACED_ROUTINES = ["relief-neck", "back-spasm"]

# Installed before the page's own scripts, so the player reads this clock instead of performance.now()
# and every action happens at the exact moment the Swift trace used.
TEST_CLOCK = "window.limberTestClock = { ms: 0, now() { return this.ms; } };"

# Sets the clock, does what a person does at that moment through the player's own buttons, and reads
# where the session stands, all in one turn of the page's event loop so no timer runs in between.
REPLAY_ACTION = """
const [action, seconds] = arguments;
window.limberTestClock.ms = seconds * 1000;
const button = { start: 'start', pause: 'toggle', resume: 'toggle', skip: 'skip', back: 'back', quit: 'stop' }[action];
if (button) document.getElementById(button).click(); else window.limberPlayer.tick();
const p = window.limberPlayer;
return { stepIndex: p.stepIndex, offset: p.offset, status: p.status, completed: p.completed, skipped: p.skipped,
         label: document.getElementById('step-label').textContent,
         nextUp: document.getElementById('next-up').textContent };
"""


def trace_scripts(timeline):
    """Scripts of start, pause, resume, skip, back and quit, with moments picked from this timeline.

    Only the moments come from here; what should happen at each is the Swift engine's answer.
    """
    steps = timeline["steps"]
    window = timeline["restartWindowSeconds"]
    phase = next(s for s in steps if s["kind"] == "phase")
    p = phase["start"]
    skips = " ".join(f"skip@{1 + n / 10:.1f}" for n in range(len({s["blockStart"] for s in steps}) + 1))
    return [
        # The issue's own example.
        "start@0 pause@12.5 resume@20 skip@22 back@40 back@41.5 quit@60",
        # Back just inside and just outside the restart window after a skip, then again later.
        f"start@0 skip@2 back@{2 + window - 0.25} skip@8 back@{8 + window + 0.25} tick@30 back@31 back@31.5 quit@33",
        # Into a set of repetitions: skip past the whole set, back into it, back again to what came before.
        f"start@0 tick@{p + 1.5} skip@{p + 1.5} back@{p + 2} back@{p + 2.5} tick@{p + 9} back@{p + 9} quit@{p + 12}",
        # Skip and back while paused show the step; its time runs only after resume.
        "start@0 pause@5 skip@6 skip@7 back@8 resume@10 tick@25 quit@26",
        # Skipping to the end finishes the session, with every step skipped.
        "start@0 " + skips,
        # A whole session run to its end with a pause on the way: every counted step done.
        f"start@0 pause@10 resume@15 tick@{timeline['totalSeconds'] / 2} tick@{timeline['totalSeconds'] + 5}",
    ]


def engine_traces(binary, base):
    """The web player lands on the same step at the same time as the Swift SessionEngine.

    For each routine and script, `limber trace` plays the timeline the page fetched through the real
    engine; the page then replays the same actions at the same virtual moments, and after each one
    the step, the offset, the status and the steps done and skipped must agree.
    """
    driver = make_driver(360, 740)
    folder = tempfile.mkdtemp(prefix="limber-trace-")
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TEST_CLOCK})
        for routine in TRACED_ROUTINES:
            traces = []
            url = f"{base}/play?routine={routine}&checked={int(time.time())}"
            driver.get(url)
            text = driver.execute_async_script(
                "fetch(document.getElementById('player').dataset.timelineUrl).then(r => r.text()).then(arguments[0])")
            timeline = json.loads(text)
            path = os.path.join(folder, f"{routine}.json")
            with open(path, "w") as f:
                f.write(text)
            scripts = trace_scripts(timeline)
            for script in scripts:
                run = subprocess.run([binary, "trace", "--timeline", path, "--script", script],
                                     capture_output=True, text=True)
                if run.returncode != 0:
                    check(False, f"limber trace runs for {routine}: {run.stderr.strip()}")
                    continue
                expected = json.loads(run.stdout)
                driver.get(url)
                wait(driver).until(lambda d: d.find_element(By.ID, "load-status").get_attribute("textContent") == "Ready.")
                drift = []
                for point in expected:
                    web = driver.execute_script(REPLAY_ACTION, point["action"], point["at"])
                    # "Stop and save" leaves the web player stopped, able to keep going; the engine calls it finished.
                    status = "finished" if web["status"] == "stopped" else web["status"]
                    step = timeline["steps"][point["stepIndex"]]
                    shown = web["label"] == step["label"] and web["nextUp"] == (
                        f"Next: {step['nextUp']}" if step.get("nextUp") else "")
                    same = (web["stepIndex"] == point["stepIndex"] and abs(web["offset"] - point["offset"]) < 1e-6
                            and status == point["status"] and web["completed"] == point["completed"]
                            and web["skipped"] == point["skipped"] and (shown or point["status"] == "ready"))
                    if not same:
                        drift.append(f"after {point['action']}@{point['at']}: Swift {point} but the web "
                                     f"{dict(web, status=status)}")
                check(not drift, f"{routine}: the web player follows the Swift engine through {script!r}"
                      + (f": {drift[0]}" if drift else ""))
                traces.append(expected)
            # The scripts still reach what they are there for, so a change to a routine cannot quietly
            # turn them into traces of nothing.
            if len(traces) != len(scripts):
                continue
            steps = timeline["steps"]
            counted = [s["index"] for s in steps if s["countsTowardDone"]]
            skipped_to_end, run_to_end = traces[4][-1], traces[5][-1]
            check(skipped_to_end["status"] == "finished" and skipped_to_end["skipped"] == counted
                  and run_to_end["status"] == "finished" and run_to_end["completed"] == counted,
                  f"{routine}: the traces include a session skipped to its end and one run to its end")
            backs = [(before, after, steps[steps[before["stepIndex"]]["blockStart"]])
                     for trace in traces for before, after in zip(trace, trace[1:]) if after["action"] == "back"]
            check(any(after["stepIndex"] < block["index"] for before, after, block in backs)
                  and any(after["stepIndex"] == block["index"] and before["offset"] - block["start"] > 3
                          for before, after, block in backs),
                  f"{routine}: the traces go back to an earlier block and restart a block well begun")
    finally:
        driver.quit()
        shutil.rmtree(folder, ignore_errors=True)


def diary_entry(driver, base):
    """Log a cramp through the form and see it listed and charted; a note with a script tag stays text."""
    driver.get(base + "/diary")
    driver.find_element(By.CSS_SELECTOR, "#region option[value='calf']").click()
    driver.find_element(By.ID, "severity").send_keys("6")
    driver.find_element(By.ID, "duration").send_keys("2m")
    driver.find_element(By.ID, "notes").send_keys("<script>alert(1)</script>")
    driver.find_element(By.CSS_SELECTOR, ".diary-form button[type='submit']").click()
    wait(driver).until(EC.url_contains("saved=1"))
    listed = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".episode-list"))).text
    check("severity 6/10" in listed, "the logged cramp is listed")
    check("<script>alert(1)</script>" in listed, "a note with a script tag shows as text")
    try:
        driver.switch_to.alert
        check(False, "no script from a note runs")
    except NoAlertPresentException:
        check(True, "no script from a note runs")
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    check(len(bars) >= 2, f"the cramp and the session are charted ({len(bars)} bars)")
    # A bad entry is refused with a message and changes nothing.
    count = len(driver.find_elements(By.CSS_SELECTOR, ".episode-list .episode"))
    driver.find_element(By.CSS_SELECTOR, "#region option[value='calf']").click()
    driver.execute_script("document.getElementById('severity').removeAttribute('max')")
    driver.find_element(By.ID, "severity").send_keys("11")
    driver.find_element(By.ID, "duration").send_keys("2m")
    driver.find_element(By.CSS_SELECTOR, ".diary-form button[type='submit']").click()
    error = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#form-error")))
    check("How bad" in error.text and "0 to 10" in error.text,
          f"a severity of 11 is refused with a message naming the field ({error.text!r})")
    bottom, height = driver.execute_script(
        "return [arguments[0].getBoundingClientRect().bottom, window.innerHeight]", error)
    check(bottom <= height, f"the refusal is on the first screen, unscrolled ({bottom:.0f} of {height} px)")
    beside = driver.find_element(By.ID, "severity-error").text
    field = driver.find_element(By.ID, "severity")
    check(beside and beside in error.text and field.get_attribute("aria-invalid") == "true"
          and field.get_attribute("aria-describedby") == "severity-error",
          f"the same message stands beside the severity field ({beside!r})")
    check(field.get_attribute("value") == "11", "what was typed is kept")
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, "diary-refused-360x740.png"))
    audit(driver, "the refused diary form")
    driver.get(base + "/diary")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".episode-list .episode")) == count, "the refused entry was not stored")
    # Deleting asks first: Keep it keeps the entry, and only the question's Delete button deletes.
    driver.find_element(By.CSS_SELECTOR, ".episode-list .episode form button").click()
    wait(driver).until(EC.url_contains("/delete"))
    heading = wait(driver).until(EC.presence_of_element_located((By.TAG_NAME, "h1"))).text
    check(heading.startswith("Delete the cramp from"), f"deleting a cramp asks first ({heading!r})")
    buttons = [driver.find_element(By.LINK_TEXT, "Keep it"),
               driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']")]
    bottoms = [driver.execute_script("return arguments[0].getBoundingClientRect().bottom", b) for b in buttons]
    check(max(bottoms) <= driver.execute_script("return window.innerHeight"),
          f"both answers are on the first screen ({max(bottoms):.0f} px)")
    driver.save_screenshot(os.path.join(SHOTS, "diary-delete-question-360x740.png"))
    audit(driver, "the delete question")
    buttons[0].click()
    wait(driver).until(EC.url_contains("/diary#entry-"))
    check(len(driver.find_elements(By.CSS_SELECTOR, ".episode-list .episode")) == count, "Keep it keeps the entry")
    driver.find_element(By.CSS_SELECTOR, ".episode-list .episode form button").click()
    wait(driver).until(EC.url_contains("/delete"))
    driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
    wait(driver).until(EC.url_contains("deleted=1"))
    check(len(driver.find_elements(By.CSS_SELECTOR, ".episode-list .episode")) == count - 1
          and "Deleted." in driver.page_source, "Delete on the question deletes the entry and says so")


def audit(driver, what):
    """axe-core's audit of the page as it is now, failing on serious or critical problems."""
    axe = Axe(driver)
    axe.inject()
    bad = [v for v in axe.run()["violations"] if v.get("impact") in ("serious", "critical")]
    detail = "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}, such as {v['nodes'][0]['target']})" for v in bad)
    check(not bad, f"axe finds no serious or critical problem on {what}" + (f": {detail}" if detail else ""))


def audit_and_screenshots(base):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in [(360, 740), (1280, 800)]:
        driver = make_driver(width, height)
        try:
            for name, path in PAGES:
                driver.get(base + path.format(now=int(time.time())))
                time.sleep(0.3)
                driver.save_screenshot(os.path.join(SHOTS, f"{name}-{width}x{height}.png"))
                wide, seen = driver.execute_script(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                check(wide <= seen, f"{path} fits {width} px without sideways scrolling ({wide} of {seen} px)")
                if width == 360:
                    axe = Axe(driver)
                    axe.inject()
                    results = axe.run()
                    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
                    detail = "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in bad)
                    check(not bad, f"axe finds no serious or critical problem on {path}" + (f": {detail}" if detail else ""))
        finally:
            driver.quit()


# Passwords long and plain enough for the account rules, and no common one.
PASSWORDS = {"ana": "ana stretches before the bus", "ben": "ben keeps a spare towel here",
             "cara": "cara was invited on a tuesday"}
NOTES = {"ana": "ana-only: calf after the hill walk", "ben": "ben-only: calf while driving",
         "ben-web": "ben-web: logged on the phone at lunch"}
DARK = {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
LIGHT = {"features": [{"name": "prefers-color-scheme", "value": "light"}]}


def limber(binary, database, *arguments, stdin=None):
    run = subprocess.run([binary, *arguments, "--database", database], input=stdin, capture_output=True, text=True)
    check(run.returncode == 0, f"limber {' '.join(arguments)} runs" + (f": {run.stderr.strip()}" if run.returncode else ""))
    return run.stdout


def path_of(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def sign_in(driver, base, name):
    """/diary, signed out, lands on /login; typing the name and password and pressing Sign in opens the diary."""
    driver.get(base + "/diary")
    check(path_of(driver) == "/login", f"{name}: /diary signed out lands on /login ({driver.current_url})")
    driver.find_element(By.ID, "username").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORDS[name])
    driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
    # bcrypt at cost 12 takes a moment on a busy machine.
    wait(driver, 20).until(lambda d: path_of(d) != "/login")
    check(path_of(driver) == "/diary", f"{name}: signing in goes on to the diary ({driver.current_url})")


def authenticator_code(secret, at=None):
    """The six digits an authenticator app shows for `secret` (RFC 6238: SHA-1, 30-second steps;
    the key is the secret's bytes, as the otpauth link's base32 encodes them)."""
    step = int((at or time.time()) // 30)
    digest = hmac.new(secret.encode(), step.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset:offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def diary_notes(driver, base):
    driver.get(base + "/diary")
    return [n.text for n in driver.find_elements(By.CSS_SELECTOR, ".episode-list .episode .note")]


def shows_only(driver, base, name, own, others):
    notes = diary_notes(driver, base)
    check(path_of(driver) == "/diary", f"{name} sees the diary signed in ({driver.current_url})")
    check(all(any(n in shown for shown in notes) for n in own), f"{name}'s diary shows {name}'s own notes ({notes})")
    check(not any(n in shown for n in others for shown in notes),
          f"{name}'s diary shows nobody else's notes ({notes})")


def tap_targets_and_labels(driver, what):
    """On the phone: every control is at least 44 px high, every input has a label, and the
    keyboard focus is visible on each control it reaches."""
    small = driver.execute_script("""
        return [...document.querySelectorAll('.site-nav a, main button, main a.button, main select, main textarea,'
                + ' main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main label:has(input[type=checkbox])')]
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().height < 44)
            .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.textContent || e.name).trim().slice(0, 30)}"`
                      + ` ${e.getBoundingClientRect().height.toFixed(0)} px`);
    """)
    check(not small, f"every control on {what} is at least 44 px high on the phone ({small})")
    unlabelled = driver.execute_script("""
        return [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.name || e.id);
    """)
    check(not unlabelled, f"every input on {what} has a label ({unlabelled})")
    body = driver.find_element(By.TAG_NAME, "body")
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    unseen, reached = [], 0
    for _ in range(40):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.switch_to.active_element
        if focused == body:
            break
        reached += 1
        style = driver.execute_script(
            "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", focused)
        if style[0] == "none" or style[1] < 2:
            unseen.append(focused.tag_name + (("#" + focused.get_attribute("id")) if focused.get_attribute("id") else ""))
    check(reached > 3 and not unseen, f"the keyboard focus is visible on every control of {what} ({reached} reached; unseen {unseen})")


def look(driver, name, what):
    """Screenshots of the page as it stands, its first screen and the whole of it, light and dark;
    the page must fit the width, and on the phone pass the audit and the checks above."""
    phone = driver.execute_script("return screen.width") < 500
    size = "360x740" if phone else "1280x800"
    for scheme, media in (("light", LIGHT), ("dark", DARK)):
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", media)
        time.sleep(0.3)  # the buttons' colour transitions
        driver.save_screenshot(os.path.join(SHOTS, f"accounts-{name}-{size}-{scheme}.png"))
        content = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": content["width"], "height": content["height"], "scale": 1}})
        with open(os.path.join(SHOTS, f"accounts-{name}-{size}-{scheme}-full.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", LIGHT)
    time.sleep(0.3)
    wide, seen = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    check(wide <= seen, f"{what} fits {size} without sideways scrolling ({wide} of {seen} px)")
    if phone:
        audit(driver, what)
        tap_targets_and_labels(driver, what)


def accounts(binary):
    """Three people on one server, each in their own browser: each signs in to, and sees, only their own diary.

    ana (admin) and ben are made with the CLI and log a cramp each there; ben logs another on the web;
    ana invites cara through /household, and cara's invitation signs her in to an empty diary.
    """
    os.makedirs(SHOTS, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="limber-accounts-")
    database = os.path.join(folder, "limber.sqlite")
    limber(binary, database, "users", "add", "ana", "--admin", stdin=PASSWORDS["ana"] + "\n")
    limber(binary, database, "users", "add", "ben", stdin=PASSWORDS["ben"] + "\n")
    for name in ("ana", "ben"):
        limber(binary, database, "log", "--region", "calf", "--severity", "5", "--duration", "1m",
               "--notes", NOTES[name], "--user", name)
    server, base = start_server(binary, folder)
    drivers = []
    try:
        # Each driver is its own Chromium with its own profile: three cookie jars.
        ana, ben, cara = (make_driver(360, 740) for _ in range(3))
        drivers += [ana, ben, cara]
        sign_in(ana, base, "ana")
        sign_in(ben, base, "ben")
        shows_only(ana, base, "ana", [NOTES["ana"]], [NOTES["ben"]])
        shows_only(ben, base, "ben", [NOTES["ben"]], [NOTES["ana"]])
        account_link = ana.find_elements(By.CSS_SELECTOR, ".site-header .account-link")
        check(account_link and account_link[0].text.strip() == "ana", "the header names who is signed in")
        look(ana, "diary-header", "the signed-in diary")

        # ben logs a cramp through the web form; it is his, and ana's diary does not show it.
        ben.get(base + "/diary")
        ben.find_element(By.CSS_SELECTOR, "#region option[value='calf']").click()
        ben.find_element(By.ID, "severity").send_keys("4")
        ben.find_element(By.ID, "duration").send_keys("90s")
        ben.find_element(By.ID, "notes").send_keys(NOTES["ben-web"])
        ben.find_element(By.CSS_SELECTOR, ".diary-form button[type='submit']").click()
        wait(ben).until(EC.url_contains("saved=1"))
        shows_only(ben, base, "ben", [NOTES["ben"], NOTES["ben-web"]], [NOTES["ana"]])
        ana.refresh()
        shows_only(ana, base, "ana", [NOTES["ana"]], [NOTES["ben"], NOTES["ben-web"]])

        # ana's account page with a token just made, shown once.
        ana.get(base + "/account")
        ana.find_element(By.ID, "label").send_keys("backup script")
        ana.find_element(By.XPATH, "//button[normalize-space()='Make a token']").click()
        token = wait(ana).until(EC.presence_of_element_located((By.CSS_SELECTOR, "code.token"))).text
        check(token.startswith("lmbt_"), f"making a token shows it once ({token[:8]}...)")
        look(ana, "account-token", "the account page with a new token")

        # ana invites someone from /household; the link opens in a third browser.
        ana.get(base + "/household")
        ana.find_element(By.XPATH, "//button[normalize-space()='Make an invitation link']").click()
        link = wait(ana).until(EC.presence_of_element_located((By.CSS_SELECTOR, "code.token"))).text.strip()
        check("/invite/lmbi_" in link, f"the household page makes an invitation link ({link[:40]}...)")
        look(ana, "household-invite", "the household page with an invitation link")
        cara.get(link)
        check(urllib.parse.urlsplit(link).path == path_of(cara), "the invitation opens without signing in")
        look(cara, "invite", "the invitation page")
        cara.find_element(By.ID, "username").send_keys("cara")
        cara.find_element(By.ID, "password").send_keys(PASSWORDS["cara"])
        cara.find_element(By.ID, "repeated").send_keys(PASSWORDS["cara"])
        cara.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
        wait(cara).until(lambda d: "/invite/" not in d.current_url)
        check(path_of(cara) == "/account", f"creating the account signs cara in ({cara.current_url})")
        cara.get(base + "/diary")
        check(path_of(cara) == "/diary", "cara reaches her diary signed in")
        check(not cara.find_elements(By.CSS_SELECTOR, ".episode-list .episode") and "Nothing logged yet." in cara.page_source,
              "cara's new diary is empty")
        header = cara.find_elements(By.CSS_SELECTOR, ".site-header .account-link")
        check(header and header[0].text.strip() == "cara", "the header names cara")

        # cara turns on a second factor with the code an app would show, keeps a recovery code,
        # and the next sign-in asks for a code after the password.
        cara.get(base + "/account")
        cara.find_element(By.XPATH, "//button[normalize-space()='Set up a second factor']").click()
        key = wait(cara).until(EC.presence_of_element_located((By.CSS_SELECTOR, "code.token"))).text
        check(len(key.replace(" ", "")) >= 32, f"the set-up page shows the key to type into an app ({key[:9]}...)")
        look(cara, "second-factor", "the second-factor set-up page")
        secret = cara.find_element(By.CSS_SELECTOR, "input[name='secret']").get_attribute("value")
        cara.find_element(By.ID, "code").send_keys(authenticator_code(secret))
        cara.find_element(By.XPATH, "//button[normalize-space()='Turn on']").click()
        codes = [c.text for c in wait(cara).until(
            EC.presence_of_all_elements_located((By.CSS_SELECTOR, ".recovery-codes code")))]
        check(len(codes) == 10, f"turning it on shows ten recovery codes once ({len(codes)})")
        look(cara, "recovery-codes", "the recovery codes")
        cara.get(base + "/account")
        cara.find_element(By.XPATH, "//form[@action='/logout']//button").click()
        wait(cara).until(lambda d: path_of(d) == "/login")
        cara.find_element(By.ID, "username").send_keys("cara")
        cara.find_element(By.ID, "password").send_keys(PASSWORDS["cara"])
        cara.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
        wait(cara, 20).until(lambda d: path_of(d) == "/login/code")
        cara.get(base + "/diary")
        check(path_of(cara) == "/login/code", f"the password alone does not open the diary ({cara.current_url})")
        look(cara, "login-code", "the page asking for the code")
        cara.find_element(By.ID, "code").send_keys(codes[0])
        cara.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
        wait(cara, 20).until(lambda d: path_of(d) != "/login/code")
        cara.get(base + "/diary")
        check(path_of(cara) == "/diary", f"a recovery code completes the sign-in ({cara.current_url})")

        # ben signs out; the diary is behind the sign-in again, and his old cookie opens nothing.
        ben.get(base + "/account")
        ben.find_element(By.XPATH, "//form[@action='/logout']//button").click()
        wait(ben).until(lambda d: path_of(d) == "/login")
        check("You are signed out." in ben.page_source, "signing out says so")
        ben.get(base + "/diary")
        check(path_of(ben) == "/login", f"after signing out /diary goes back to /login ({ben.current_url})")

        # A second invitation, for the invitation page on a desktop that nobody is signed in to.
        ana.get(base + "/household")
        ana.find_element(By.XPATH, "//button[normalize-space()='Make an invitation link']").click()
        second_link = wait(ana).until(EC.presence_of_element_located((By.CSS_SELECTOR, "code.token"))).text.strip()
        desktop = make_driver(1280, 800)
        drivers.append(desktop)
        desktop.get(second_link)
        look(desktop, "invite", "the invitation page")

        # The sign-in page as a person first meets it, and after a wrong password.
        for driver in (ben, desktop):
            driver.get(base + "/login")
            look(driver, "login", "the sign-in page")
            driver.find_element(By.ID, "username").send_keys("ben")
            driver.find_element(By.ID, "password").send_keys("not the password at all")
            driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
            alert = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main [role='alert']")))
            check("do not match" in alert.text, f"a wrong password is refused in an alert ({alert.text!r})")
            check(driver.find_element(By.ID, "username").get_attribute("value") == "ben", "the typed name is kept")
            look(driver, "login-error", "the refused sign-in page")

        # The signed-in pages on the desktop, in a fourth cookie jar signed in as ana.
        sign_in(desktop, base, "ana")
        look(desktop, "diary-header", "the signed-in diary")
        desktop.get(base + "/account")
        desktop.find_element(By.ID, "label").send_keys("calendar app")
        desktop.find_element(By.XPATH, "//button[normalize-space()='Make a token']").click()
        wait(desktop).until(EC.presence_of_element_located((By.CSS_SELECTOR, "code.token")))
        look(desktop, "account-token", "the account page with a new token")
        desktop.get(base + "/household")
        desktop.find_element(By.XPATH, "//button[normalize-space()='Make an invitation link']").click()
        wait(desktop).until(EC.presence_of_element_located((By.CSS_SELECTOR, "code.token")))
        look(desktop, "household-invite", "the household page with an invitation link")
    finally:
        for driver in drivers:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def pages(binary):
    """The server with no accounts: one diary on loopback, every page, the player and the diary."""
    folder = tempfile.mkdtemp(prefix="limber-browser-")
    server, base = start_server(binary, folder)
    try:
        engine_traces(binary, base)
        three_taps(base)
        driver = make_driver(360, 740)
        try:
            guided_session(driver, base)
            diary_entry(driver, base)
            external = driver.execute_script(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                ".filter(n => !n.startsWith(location.origin))")
            check(external == [], f"no request to any other host ({external})")
        finally:
            driver.quit()
        audit_and_screenshots(base)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def main():
    binary = sys.argv[1]
    # Sections to run, all by default: `pages` (one diary, no accounts), `accounts` and `figures`.
    sections = sys.argv[2:] or ["pages", "accounts", "figures"]
    if "pages" in sections:
        pages(binary)
    if "accounts" in sections:
        accounts(binary)
    if "figures" in sections:
        import browser_figures  # noqa: E402 (it imports this module's helpers)
        browser_figures.figures(binary)
    print(f"\n{len(failures)} failure(s); screenshots in {SHOTS}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
