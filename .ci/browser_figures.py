"""Browser tests for the exercise figures, run by browser_tests.py as its `figures` section.

Every exercise's figures on its page (phone light, desktop dark, screenshots of each), a contact
sheet of every keyframe, the exercise page's "Play the movement", the player mid-hold and
mid-repetition with the figure driven by the session clock, reduced motion, the frame rate and
layout count of the animation, and the printable handout printed to PDF on A4 and US Letter.
"""
import base64
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import sys
import time

from pypdf import PdfReader
from selenium.webdriver.common.by import By

# The helpers and the failure list of browser_tests.py, which runs as the main module and imports
# this one: importing it by name would make a second copy with its own list of failures.
bt = sys.modules["__main__"]

DARK, LIGHT = bt.DARK, bt.LIGHT
REDUCED = {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}


def catalog(binary):
    listed = json.loads(subprocess.check_output([binary, "list", "--json"]))
    return [json.loads(subprocess.check_output([binary, "show", e["id"], "--json"])) for e in listed]


def element_shot(driver, element, path):
    with open(path, "wb") as f:
        f.write(element.screenshot_as_png)


def exercise_pages(driver, base, exercises, size, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", DARK if scheme == "dark" else LIGHT)
    for exercise in exercises:
        driver.get(f"{base}/exercises/{exercise['id']}")
        section = driver.find_element(By.CSS_SELECTOR, ".figures")
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", section)
        loaded = driver.execute_script(
            "const i = document.querySelector('.fig-img'); return i.complete && i.naturalWidth > 0")
        bt.check(loaded, f"{exercise['id']}: the starting position's image loads ({size}, {scheme})")
        labelled = driver.execute_script(
            "const f = document.querySelector('.figure-moving .fig-live[role=img][data-ready]');"
            "return f ? document.getElementById(f.getAttribute('aria-labelledby')).textContent : ''")
        bt.check(labelled.startswith("Figure of "), f"{exercise['id']}: the moving figure is drawn, with its text alternative")
        time.sleep(0.2)
        element_shot(driver, section, os.path.join(bt.SHOTS, f"figure-{exercise['id']}-{size}-{scheme}.png"))


def contact_sheet(driver, base, exercises):
    """Every keyframe of every exercise, and each sided one mirrored, as the server serves them."""
    cells = []
    for exercise in exercises:
        figure = exercise["figure"]
        sides = [figure.get("drawnSide")] + ([{"left": "right", "right": "left"}[figure["drawnSide"]]]
                                              if figure.get("drawnSide") else [])
        for keyframe in figure["keyframes"]:
            for side in sides:
                url = f"/figures/{exercise['id']}.svg?step={keyframe['step']}" + (f"&side={side}" if side else "")
                label = f"{exercise['id']} · {keyframe['step']}" + (f" · {side}" if side else "")
                cells.append(f"<figure><img src='{url}' alt=''><figcaption>{label}</figcaption></figure>")
    driver.get(base + "/safety")
    driver.execute_script("""
        document.body.innerHTML = '<main class="sheet">' + arguments[0] + '</main>';
        const style = document.createElement('link');
        document.querySelector('main').style.cssText = 'display:grid;grid-template-columns:repeat(6,1fr);gap:6px;padding:8px';
        for (const f of document.querySelectorAll('figure')) f.style.cssText = 'margin:0;border:1px solid #8886;font-size:11px';
        for (const i of document.querySelectorAll('img')) i.style.cssText = 'width:100%;height:auto;display:block';
    """, "".join(cells))
    time.sleep(1.5)
    broken = driver.execute_script("return [...document.images].filter(i => !(i.complete && i.naturalWidth)).length")
    bt.check(broken == 0, f"all {len(cells)} figure images of the contact sheet load")
    for scheme, media in (("light", LIGHT), ("dark", DARK)):
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", media)
        time.sleep(0.5)
        content = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": content["width"], "height": content["height"], "scale": 1}})
        with open(os.path.join(bt.SHOTS, f"figures-sheet-{scheme}.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", LIGHT)


NODE0 = "return document.querySelector('.figure-moving [data-n=\"1\"]').style.transform"


def play_the_movement(driver, base):
    driver.get(base + "/exercises/calf-stretch-wall")
    button = driver.find_element(By.CSS_SELECTOR, ".figure-play")
    still = driver.execute_script(NODE0)
    time.sleep(0.5)
    bt.check(driver.execute_script(NODE0) == still, "the exercise page's figure stays still until asked to move")
    button.click()
    time.sleep(2.0)
    moved = driver.execute_script(NODE0)
    bt.check(moved != still, "'Play the movement' moves the figure")
    bt.check(button.get_attribute("aria-pressed") == "true" and "Pause" in button.text,
             "while it plays, the button says it pauses the movement")
    button.click()
    paused = driver.execute_script(NODE0)
    time.sleep(0.6)
    bt.check(driver.execute_script(NODE0) == paused, "pausing the movement stops it (WCAG 2.2.2)")


def player(binary, base):
    """The player with the test clock: the figure at exact moments, mid-hold and mid-repetition."""
    for width, height in [(360, 740), (1280, 800)]:
        size = f"{width}x{height}"
        driver = bt.make_driver(width, height)
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": bt.TEST_CLOCK})
            driver.get(f"{base}/play?routine=back-spasm&checked={int(time.time())}")
            bt.wait(driver).until(lambda d: d.find_element(By.ID, "start").is_enabled())
            timeline = json.loads(driver.execute_async_script(
                "fetch(document.getElementById('player').dataset.timelineUrl).then(r => r.text()).then(arguments[0])"))
            driver.execute_script(bt.REPLAY_ACTION, "start", 0)
            hold = next(s for s in timeline["steps"] if s["kind"] == "hold")
            phase = next(s for s in timeline["steps"] if s["kind"] == "phase" and s.get("rep") == 2)
            moments = sorted([("mid-hold", hold, hold["duration"] / 2), ("mid-repetition", phase, phase["duration"] / 2)],
                             key=lambda m: m[1]["start"])
            for name, step, into in moments:
                state = driver.execute_script(bt.REPLAY_ACTION, "tick", step["start"] + into)
                time.sleep(0.3)
                shown = driver.execute_script(
                    "return [...document.querySelectorAll('.player-figure')].filter(b => !b.hidden).map(b => b.dataset.exerciseId)")
                bt.check(shown == [step["exerciseId"]],
                         f"{size} {name}: the player shows the figure of the exercise being done ({shown})")
                for scheme, media in (("light", LIGHT), ("dark", DARK)):
                    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", media)
                    time.sleep(0.3)
                    driver.save_screenshot(os.path.join(bt.SHOTS, f"player-{name}-{size}-{scheme}.png"))
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", LIGHT)
                bt.check(state["stepIndex"] == step["index"], f"{size} {name}: the session is at step {step['index']}")
            # The figure follows the clock: a phase's start and end show its two keyframes. The
            # player never goes back in time, so start the session again.
            driver.get(f"{base}/play?routine=back-spasm&checked={int(time.time())}")
            bt.wait(driver).until(lambda d: d.find_element(By.ID, "start").is_enabled())
            driver.execute_script(bt.REPLAY_ACTION, "start", 0)
            box = f".player-figure[data-exercise-id='{phase['exerciseId']}'] [data-n='1']"
            read = f"return document.querySelector(\"{box}\").style.transform"
            driver.execute_script(bt.REPLAY_ACTION, "tick", phase["start"] + 0.01)
            driver.execute_script("window.limberPlayer.tick()")
            time.sleep(0.1)
            early = driver.execute_script(read)
            driver.execute_script(bt.REPLAY_ACTION, "tick", phase["start"] + phase["duration"] - 0.01)
            time.sleep(0.1)
            late = driver.execute_script(read)
            bt.check(early != late, f"{size}: the figure moves through a repetition in time with the clock")
            # Pausing the session holds the figure where it is.
            driver.execute_script(bt.REPLAY_ACTION, "pause", phase["start"] + phase["duration"] / 2)
            paused = driver.execute_script(read)
            driver.execute_script("window.limberTestClock.ms += 1500")
            time.sleep(0.2)
            bt.check(driver.execute_script(read) == paused, f"{size}: a paused session holds the figure still")
            toggle = driver.find_element(By.ID, "figure-toggle")
            bt.check(toggle.is_displayed() and toggle.size["height"] >= 44,
                     f"{size}: a visible control keeps the figure still")
            if width == 360:
                bt.audit(driver, "the player with its figure")
        finally:
            driver.quit()


def smoothness_and_reduced_motion(base):
    """Real time: frames during a moving phase, and how many layouts they cost; then reduced motion."""
    driver = bt.make_driver(1280, 800)
    try:
        driver.get(f"{base}/play?routine=back-spasm&checked={int(time.time())}")
        bt.wait(driver).until(lambda d: d.find_element(By.ID, "start").is_enabled())
        driver.find_element(By.ID, "start").click()
        # Skip the get-ready step into the first repetitions, where the figure moves all the time.
        driver.find_element(By.ID, "skip").click()
        time.sleep(0.3)
        driver.execute_cdp_cmd("Performance.enable", {})

        def measure():
            before = {m["name"]: m["value"] for m in driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
            frames = driver.execute_async_script("""
                const done = arguments[arguments.length - 1];
                const times = [];
                const step = (t) => { times.push(t); if (times.length < 121) requestAnimationFrame(step); else done(times); };
                requestAnimationFrame(step);
            """)
            after = {m["name"]: m["value"] for m in driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
            seconds = (frames[-1] - frames[0]) / 1000
            gaps = sorted(b - a for a, b in zip(frames, frames[1:]))
            return (len(frames) - 1) / seconds, seconds, gaps[-1], after["LayoutCount"] - before["LayoutCount"]
        fps, seconds, slowest, moving = measure()
        # The same two seconds with the figure kept still: the layouts the rest of the player costs.
        driver.find_element(By.ID, "figure-toggle").click()
        _, still_seconds, _, still = measure()
        print(f"     animation: {fps:.1f} frames/s over {seconds:.2f} s, slowest frame {slowest:.1f} ms; "
              f"{moving:.0f} layouts with the figure moving, {still:.0f} in {still_seconds:.2f} s with it still")
        bt.check(fps >= 55, f"the moving figure holds 60 frames a second ({fps:.1f})")
        bt.check(moving <= still + 2, f"moving the figure costs no layout per frame ({moving:.0f} moving, {still:.0f} still)")
    finally:
        driver.quit()
    driver = bt.make_driver(1280, 800)
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", REDUCED)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": bt.TEST_CLOCK})
        driver.get(base + "/play?routine=relief-calf&side=left&checked=" + str(int(time.time())))
        bt.wait(driver).until(lambda d: d.find_element(By.ID, "start").is_enabled())
        driver.execute_script(bt.REPLAY_ACTION, "start", 0)
        poses = json.loads(driver.execute_script(
            "return document.querySelector(\".player-figure[data-exercise-id='calf-stretch-wall'] .fig-live\").dataset.poses"))
        read = ("return document.querySelector(\".player-figure[data-exercise-id='calf-stretch-wall'] [data-n='0']\")"
                ".style.transform")
        shown = []
        for seconds in (6, 7, 8.5):  # during the move from the start into the hold (4 s to 10 s)
            driver.execute_script(bt.REPLAY_ACTION, "tick", seconds)
            time.sleep(0.1)
            shown.append(driver.execute_script(read))

        def numbers(text):
            return [round(float(v), 2) for v in re.findall(r"-?[0-9.]+", text)]
        keyframes = [[round(v, 2) for v in poses[p][0:3]] for p in ("setup", "hold")]
        bt.check(all(numbers(s) in keyframes for s in shown),
                 f"with reduced motion the figure shows only still keyframes ({shown})")
    finally:
        driver.quit()


def handout(binary, base):
    """The handout printed to PDF on A4 and US Letter: its pages, and no figure split over two."""
    driver = bt.make_driver(1280, 800)
    try:
        for routine in ("back-spasm", "relief-calf"):
            driver.get(f"{base}/routines/{routine}/handout")
            figures = driver.execute_script(
                "return [...document.querySelectorAll('.handout-figure')].map(f => [f.querySelector('figcaption').textContent, f.querySelector('.handout-figure-note').textContent])")
            exercises = len(driver.find_elements(By.CSS_SELECTOR, ".handout-exercise"))
            driver.save_screenshot(os.path.join(bt.SHOTS, f"handout-{routine}-screen.png"))
            counts = {}
            for paper, (width, height) in (("a4", (8.27, 11.69)), ("letter", (8.5, 11))):
                pdf = driver.execute_cdp_cmd("Page.printToPDF", {
                    "paperWidth": width, "paperHeight": height, "printBackground": False, "preferCSSPageSize": True})
                data = base64.b64decode(pdf["data"])
                with open(os.path.join(bt.SHOTS, f"handout-{routine}-{paper}.pdf"), "wb") as f:
                    f.write(data)
                reader = PdfReader(io.BytesIO(data))
                texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
                pages = len(reader.pages)
                # About a page an exercise at most, with the warning signs and sources after them.
                bt.check(1 <= pages <= 2 * exercises + 2,
                         f"{routine} on {paper}: {pages} pages for {exercises} exercises")
                counts[paper] = pages
                # The label above a figure and the note below it must print on the same page.
                split = [label for label, note in figures
                         if not any(label in t and note in t for t in texts)]
                bt.check(figures and not split, f"{routine} on {paper}: no figure is split across pages "
                         f"({len(figures)} figures{'; split: ' + ', '.join(split) if split else ''})")
                last_exercise = max(i for i, t in enumerate(texts) if f"{exercises}. " in t)
                warning = next((i for i, t in enumerate(texts) if "Warning signs" in t), -1)
                bt.check(warning >= last_exercise, f"{routine} on {paper}: the warning signs come after the exercises")
            bt.check(abs(counts["a4"] - counts["letter"]) <= 1, f"{routine}: A4 and Letter print alike ({counts})")
        pdf_shots(driver, base)
    finally:
        driver.quit()
    folder = tempfile.mkdtemp(prefix="limber-handout-")
    try:
        path = os.path.join(folder, "calf.html")
        out = subprocess.run([binary, "handout", "relief-calf", "--output", path], capture_output=True, text=True)
        bt.check(out.returncode == 0 and os.path.exists(path), f"limber handout writes a file ({out.stdout.strip()})")
        text = open(path).read()
        bt.check("<svg" in text and "<img" not in text and "<style>" in text,
                 "the file carries its figures and styles inside, so it opens offline")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def pdf_shots(driver, base):
    """The handout as it prints, page by page, emulating print media on A4-sized views."""
    driver.get(f"{base}/routines/back-spasm/handout")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": DARK["features"]})
    driver.set_window_size(794, 1123)
    time.sleep(0.5)
    content = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": content["width"], "height": content["height"], "scale": 1}})
    with open(os.path.join(bt.SHOTS, "handout-back-spasm-print-media-dark-system.png"), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    bt.check(background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"),
             f"printed from a dark-themed system, the handout's page is white ({background})")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", LIGHT)


def figures(binary):
    folder = tempfile.mkdtemp(prefix="limber-figures-")
    server, base = bt.start_server(binary, folder)
    os.makedirs(bt.SHOTS, exist_ok=True)
    try:
        exercises = catalog(binary)
        bt.check(all(e.get("figure") for e in exercises), f"all {len(exercises)} exercises have a figure")
        for (width, height), scheme in (((360, 740), "light"), ((1280, 800), "dark")):
            driver = bt.make_driver(width, height)
            try:
                exercise_pages(driver, base, exercises, f"{width}x{height}", scheme)
                if width == 360:
                    bt.audit(driver, "an exercise page with its figures")
                else:
                    contact_sheet(driver, base, exercises)
                    play_the_movement(driver, base)
            finally:
                driver.quit()
        player(binary, base)
        smoothness_and_reduced_motion(base)
        handout(binary, base)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
