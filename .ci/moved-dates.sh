#!/usr/bin/env bash
# Runs the date-sensitive tests again with "now" moved for the whole process tree (libfaketime): the test JVM,
# the fakes in it and every bot process it starts. The moments are the ones where a date taken from the wrong
# clock or the wrong time zone shows: 29 February of a leap year at 23:30 UTC (already 1 March in Kyiv), the
# Sunday Kyiv moves to summer time (00:30 UTC, half an hour before the clocks jump), and the last minute of a
# year in UTC. The clock starts at the moment and ticks on, so timeouts still pass.
#
# Run after `mvn verify` (it reuses target/); MOVED_DATES="2030-06-01 12:00:00" runs other moments, and any
# arguments go to Maven, e.g. `-Dtest=AgentEndToEndTest`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi

read -r -a moments <<<"${MOVED_DATES:-2028-02-29T23:30:00 2027-03-28T00:30:00 2026-12-31T23:59:00}"
# Everything that formats, picks or asks for a date, in process and as a bot process. Left out to keep CI short:
# the poll loop's fault handling (PollingEndToEndTest, telegram/), database outages (*DatabaseOutage*, PostgresOutage*,
# store/: they keep times only as epoch milliseconds from the clock given), leader election, configuration, logging and
# deployment files, which show no dates (`bash .ci/moved-dates.sh -Dtest='*Test'` runs them all).
tests='dev.weatheragent.e2e.*Test,!PollingEndToEndTest,!PostgresOutageEndToEndTest,!DeliveryDatabaseOutageEndToEndTest,dev.weatheragent.agent.*Test,dev.weatheragent.bot.*Test,dev.weatheragent.chart.*Test,dev.weatheragent.weather.*Test,dev.weatheragent.schedule.*Test'
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
clock_check=target/moved-dates/Now.java
mkdir -p "$(dirname "$clock_check")"
echo 'class Now { public static void main(String[] a) { System.out.println(java.time.Instant.now()); } }' >"$clock_check"
for moment in "${moments[@]}"; do
    # First proof that a JVM under libfaketime reads the moment (the test JVMs are started the same way).
    read_back=$(TZ=UTC faketime -f "@${moment/T/ }" "$java" "$clock_check")
    case "$read_back" in
        "${moment:0:13}"*) echo "=== tests with now = ${moment/T/ } UTC (a JVM started like them reads $read_back)" ;;
        *) echo "libfaketime did not move the JVM's clock to $moment (it read $read_back)" >&2; exit 1 ;;
    esac
    # The child JVMs inherit LD_PRELOAD and FAKETIME, so a bot started as a process lives at the same moment.
    TZ=UTC faketime -f "@${moment/T/ }" mvn -B -o -q surefire:test -Dtest="$tests" "$@"
done
