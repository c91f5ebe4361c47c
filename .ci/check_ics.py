#!/usr/bin/env python3
"""Reads an iCalendar file with an independent parser (the `icalendar` package from PyPI) and checks
what a phone calendar needs from Limber's reminder feed.

Usage: .ci/check_ics.py FILE.ics [--events N]

Every VEVENT must have a UID, a DTSTART with a TZID whose VTIMEZONE is in the file, an RRULE with
FREQ=WEEKLY and a VALARM with an ACTION and a TRIGGER. Every line must end in CRLF and be at most
75 octets. With --events, the file must hold exactly N events. Exits 1 with a message otherwise.
"""
import argparse
import sys

from icalendar import Calendar


def content_line_problems(data):
    """RFC 5545 section 3.1, checked on the raw octets before any parser is lenient about them."""
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number} has a bare CR or LF")
        if len(line) > 75:
            problems.append(f"line {number} is {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number} is not whole UTF-8 (a character was split by folding)")
    return problems


def event_problems(calendar):
    zones = {str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")}
    for zone in calendar.walk("VTIMEZONE"):
        try:
            zone.to_tz()
        except Exception as error:  # the parser's own reading of the observances
            yield f"VTIMEZONE {zone.get('TZID')} cannot be read: {error}"
    for index, event in enumerate(calendar.walk("VEVENT"), start=1):
        name = f"VEVENT {index} ({event.get('UID', 'no UID')})"
        if not event.get("UID"):
            yield f"{name}: no UID"
        start = event.get("DTSTART")
        if start is None:
            yield f"{name}: no DTSTART"
        else:
            tzid = start.params.get("TZID")
            if not tzid:
                yield f"{name}: DTSTART has no TZID"
            elif tzid not in zones:
                yield f"{name}: DTSTART names TZID {tzid}, but no VTIMEZONE defines it (defined: {sorted(zones)})"
        rule = event.get("RRULE")
        if rule is None:
            yield f"{name}: no RRULE"
        elif rule.get("FREQ") != ["WEEKLY"]:
            yield f"{name}: RRULE FREQ is {rule.get('FREQ')}, not WEEKLY"
        alarms = event.walk("VALARM")
        if not alarms:
            yield f"{name}: no VALARM"
        for alarm in alarms:
            if not alarm.get("ACTION") or not alarm.get("TRIGGER"):
                yield f"{name}: a VALARM lacks ACTION or TRIGGER"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--events", type=int, help="the exact number of events the file must hold")
    arguments = parser.parse_args()
    with open(arguments.file, "rb") as handle:
        data = handle.read()
    problems = content_line_problems(data)
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:
        problems.append(f"icalendar cannot parse the file: {error}")
        calendar = None
    if calendar is not None:
        if calendar.name != "VCALENDAR":
            problems.append(f"the file is a {calendar.name}, not a VCALENDAR")
        if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
            problems.append("VCALENDAR needs VERSION:2.0 and a PRODID")
        problems.extend(event_problems(calendar))
        events = calendar.walk("VEVENT")
        if arguments.events is not None and len(events) != arguments.events:
            problems.append(f"the file holds {len(events)} events, not {arguments.events}")
    if problems:
        for problem in problems:
            print(f"FAIL {arguments.file}: {problem}", file=sys.stderr)
        sys.exit(1)
    for event in events:
        start = event.decoded("DTSTART")
        print(f"ok   {event.get('UID')}: {event.get('SUMMARY')}, first {start.isoformat()} "
              f"({event['DTSTART'].params['TZID']}), every {event['RRULE'].to_ical().decode()}")
    zones = ", ".join(str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE"))
    print(f"ok   {arguments.file}: {len(events)} events, time zones {zones}; every line CRLF and at most 75 octets")


if __name__ == "__main__":
    main()
