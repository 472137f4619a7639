# weather-agent container image: a jlinked Java runtime on an empty base with only the C libraries and fonts it
# needs (taken from Debian slim), run as a fixed non-root user,
# fit for a read-only root filesystem with /tmp as scratch space and a volume at /data for the chats' settings.
#
#   docker build -t weather-agent:local .
#   docker run --rm --read-only --tmpfs /tmp -v weather-agent-data:/data --env-file .env weather-agent:local
#
# Without a writable volume at /data (and without DATABASE_URL) the bot still runs, keeps the settings in memory
# only and says so once at WARN.
#
# The base images are build arguments so this file builds unchanged with Docker (public images) and with
# local stand-ins where no registry can be reached (.ci/image-test.sh). Needs BuildKit (RUN --mount,
# COPY --chmod): the default builder of Docker 23 and later.

ARG BUILDER_IMAGE=maven:3.9-eclipse-temurin-25
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------------------------------------------------
# jre: a Java runtime with only the modules the app needs. It depends on the builder image alone, so it is
# built once and reused on every source change.
FROM ${BUILDER_IMAGE} AS jre
# What jdeps finds in the app's jars, minus modules only optional code uses (java.xml: Jackson 2/3 extras, opennlp
# for LangChain4j's sentence splitter; java.compiler: annotations; java.security.jgss: PostgreSQL's Kerberos/GSSAPI
# authentication), plus what jdeps cannot see:
#   jdk.crypto.ec    TLS with EC keys on JDK 21 (an empty module from JDK 22 on: harmless)
#   jdk.unsupported  sun.misc.Signal, used reflectively for the SIGTERM drain
#   jdk.localedata   Ukrainian date names; --include-locales keeps only en and uk of it
# java.desktop is for the forecast chart (JFreeChart, headless Java2D, PNG); it brings java.datatransfer,
# java.prefs and java.xml. java.net.http is the HTTP client of LangChain4j and fabric8. java.sql is JDBC (SQLite,
# PostgreSQL, Flyway; it brings java.transaction.xa), java.naming is for HikariCP (and pgjdbc's optional JNDI).
# jdk.management is for the JVM meters of METRICS_PORT (Micrometer's GC pauses, process CPU).
# .ci/image-test.sh fails when jdeps finds a module that is missing here.
ARG JAVA_MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.crypto.ec,jdk.localedata,jdk.management,jdk.unsupported
# --strip-debug runs objcopy (binutils), which the eclipse-temurin JDK images include.
# zip-6 compression costs some class-loading time, which the AOT cache below wins back.
# Headless Java2D never loads the X11 toolkit, the splash screen, the AWT native interface or sound.
# The JDK's shared libraries keep their symbol tables (5.4 MB, 4.3 of it libjvm.so's) for a debugger; strip
# takes them out. A crash report then names the JVM's own frames by offset (libjvm.so+0x…), not by function: the
# JVM's version and the offsets are enough to map them back with the same JDK's symbols.
RUN jlink --add-modules "${JAVA_MODULES}" --include-locales=en,uk \
        --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
        --exclude-files='**/libawt_xawt.so,**/libsplashscreen.so,**/libjawt.so,**/libjsound.so' \
        --output /jre \
    && find /jre -name '*.so' -exec strip --strip-unneeded {} +

# ---------------------------------------------------------------------------------------------------------
# build: the application jar and target/libs/. The POM goes first so that a source change does not fetch
# dependencies again; the Maven repository is a build cache, never part of a layer. resolve and resolve-plugins
# rather than go-offline: go-offline asks for grpc-api 1.81.1, an optional dependency of micrometer-core that the
# build never uses and a repository need not have (Maven Central as served here has not).
FROM ${BUILDER_IMAGE} AS build
WORKDIR /build
COPY pom.xml ./
# sqlite-jdbc's jar is copied out with them: its native library comes out of it below, before the sources.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:resolve dependency:resolve-plugins \
    && mvn -B -q dependency:copy-dependencies -DincludeArtifactIds=sqlite-jdbc -DoutputDirectory=/build/sqlite
# sqlite-jdbc's native library for this platform (the build stage runs on the target platform, also under buildx),
# taken out of its jar now: by default sqlite-jdbc extracts it into java.io.tmpdir at every start and loads it from
# there, which fails on Docker's noexec /tmp tmpfs and with no writable /tmp at all. Glibc builds only (Debian).
# It depends on the POM alone, so a source change does not touch it or the stage that picks its C libraries.
WORKDIR /build/native
RUN set -eu; \
    arch=$(uname -m); \
    if [ "$arch" != x86_64 ] && [ "$arch" != aarch64 ]; then echo "no sqlite-jdbc library chosen for $arch" >&2; exit 1; fi; \
    jar xf /build/sqlite/sqlite-jdbc-*.jar "org/sqlite/native/Linux/$arch/libsqlitejdbc.so"; \
    mv "org/sqlite/native/Linux/$arch/libsqlitejdbc.so" libsqlitejdbc.so; \
    rm -r org /build/sqlite
WORKDIR /build
COPY src/main ./src/main
# The context has no .git: the revision the app logs at start-up comes from the build argument.
ARG REVISION=unknown
# Tests run in CI (mvn verify), not here; src/test is not even in the build context. package also writes
# target/sbom.cdx.json, the CycloneDX SBOM of exactly the jars in target/libs.
# sqlite-jdbc's jar then loses its native libraries (11.9 of its 12.1 MB: one per platform, the app loads this
# platform's from /app/native): the SBOM gives the changed jar's hashes, and the published jar as its ancestor.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -Dgit.commit.id="${REVISION}" package \
    && java -cp 'target/libs/*' src/main/docker/StripNativeLibraries.java target/libs/sqlite-jdbc-*.jar \
        org/sqlite/native/ target/sbom.cdx.json

# ---------------------------------------------------------------------------------------------------------
# probe: /app/healthcheck, the HEALTHCHECK and Kubernetes exec probe, a small C program: the runtime image has no
# shell, curl or wget to probe with, and a JVM per probe would cost a second of CPU every few seconds.
FROM ${RUNTIME_IMAGE} AS probe
# linter ignore=ER0012
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
COPY src/main/docker/healthcheck.c /probe/
RUN gcc -O2 -Wall -Wextra -Werror -Wconversion -s -o /probe/healthcheck /probe/healthcheck.c

# ---------------------------------------------------------------------------------------------------------
# os: Debian with the packages the runtime needs, from which the runtime's files are picked into /rootfs: the
# C libraries the JVM, sqlite-jdbc's native library and the probe link against (and fontconfig, which Java2D loads
# with dlopen), the fonts, users and groups. The image is that and the app on an empty base: no shell, no package
# manager, nothing to patch that the app does not use. The app is also trained here (see below), so this stage
# holds the JVM and the jars at the paths the image has.
FROM ${RUNTIME_IMAGE} AS os
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Fonts for the forecast chart: Java2D finds them through fontconfig, and DejaVu Sans has the Cyrillic
# glyphs. fontconfig's postinst builds the font cache now, so nothing needs writing at run time.
# Versions are not pinned: Debian drops superseded versions from its archive, so a pin breaks the build at
# the next point release; the base image tag and a rebuild decide what is installed.
# linter ignore=ER0012
RUN apt-get update \
    && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY --from=jre /jre /opt/java
COPY --from=build /build/native/ /app/native/
COPY --from=probe /probe/healthcheck /app/healthcheck

# /rootfs: every shared library the runtime's binaries need (ldd, which follows their dependencies), with the
# symlinks that name them; the dpkg entry and copyright file of each package those files come from, one file per
# package in /var/lib/dpkg/status.d as distroless images have it, so that image scanners see what is inside;
# glibc's C.UTF-8 locale; the DejaVu fonts, with fontconfig's configuration and cache.
# A fixed numeric user id, so that Kubernetes runAsUser/runAsGroup and any volume ownership can rely on it.
# /data holds the chats' settings (SQLite); it stays empty in the image. Docker and podman fill a new named volume
# from it, so `-v weather-agent-data:/data` comes up owned by the app's user. No VOLUME instruction: it would
# make an anonymous volume at every run, and the data in it would be lost track of; without a volume the bot
# says at start-up that it keeps settings in memory only.
RUN set -eu; \
    fontconfig=$(ldconfig -p | awk '/libfontconfig\.so\.1 / { print $NF; exit }'); \
    binaries=(/opt/java/bin/java /opt/java/lib/*.so /opt/java/lib/server/libjvm.so /app/native/libsqlitejdbc.so \
        /app/healthcheck "$fontconfig"); \
    mapfile -t libs < <(ldd "${binaries[@]}" 2>/dev/null \
        | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u); \
    files=(); \
    for lib in "${libs[@]}" "$fontconfig"; do \
        files+=("$(readlink -f "$(dirname "$lib")")/$(basename "$lib")" "$(readlink -f "$lib")"); \
    done; \
    mkdir -p /rootfs/var/lib/dpkg/status.d /rootfs/etc /rootfs/tmp /rootfs/data; \
    for dir in /lib /lib64; do if [ -L "$dir" ]; then cp -a "$dir" /rootfs/; fi; done; \
    cp -a --parents "${files[@]}" /usr/lib/locale/C.utf8 /usr/share/fonts/truetype/dejavu /etc/fonts \
        /usr/share/fontconfig /var/cache/fontconfig /usr/lib/os-release /etc/os-release /rootfs/; \
    owned=(); \
    for file in "${files[@]}"; do owned+=("$file" "${file#/usr}"); done; \
    for pkg in $(dpkg -S "${owned[@]}" /usr/lib/locale/C.utf8 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
            /etc/fonts/fonts.conf 2>/dev/null \
            | cut -d: -f1 | tr ',' '\n' | tr -d ' ' | sort -u); do \
        dpkg-query -s "$pkg" >"/rootfs/var/lib/dpkg/status.d/$pkg"; \
        if [ -f "/usr/share/doc/$pkg/copyright" ]; then cp -a --parents "/usr/share/doc/$pkg/copyright" /rootfs/; fi; \
    done; \
    printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:weather-agent:/nonexistent:/sbin/nologin\n' \
        >/rootfs/etc/passwd; \
    printf 'root:x:0:\napp:x:10001:\n' >/rootfs/etc/group; \
    printf 'passwd: files\ngroup: files\nhosts: files dns\n' >/rootfs/etc/nsswitch.conf; \
    chmod 1777 /rootfs/tmp; \
    chown 10001:10001 /rootfs/data; \
    chmod 0700 /rootfs/data

# ---------------------------------------------------------------------------------------------------------
# image-sbom: /app/sbom-image.cdx.json, the CycloneDX SBOM of the rest of the image: the Debian packages whose
# files the image holds, the Debian release and the jlinked Java runtime (its version and modules, the vendor
# of the JDK it was made from). The jars are in /app/sbom.cdx.json. Made with a JDK and Jackson, so here.
FROM ${BUILDER_IMAGE} AS image-sbom
WORKDIR /sbom
COPY --from=os /rootfs/var/lib/dpkg/status.d/ ./status.d/
COPY --from=os /usr/lib/os-release ./
COPY --from=jre /jre/release ./jre-release
COPY --from=build /build/target/libs/ ./libs/
COPY --from=build /build/target/sbom.cdx.json ./
COPY src/main/docker/ImageSbom.java ./
# One paragraph per package, separated by blank lines, as in a dpkg status file.
RUN for entry in status.d/*; do cat "$entry"; echo; done >status \
    && java -cp '/sbom/libs/*' ImageSbom.java status os-release jre-release "${JAVA_HOME}/release" sbom.cdx.json \
        sbom-image.cdx.json

# ---------------------------------------------------------------------------------------------------------
# aot: the JDK's ahead-of-time cache (JEP 483, 514): the classes the app loads at start-up, parsed, verified
# and linked at build time into a file the JVM maps at run time; it more than halves the time to the first
# getUpdates (measured by .ci/image-test.sh). It is made here because the root filesystem is read-only at run
# time, and it only works with this exact JVM, these exact jars at these paths and the same JVM flags, so the
# jars go to the paths they have in the image. Training runs start the app against an unreachable Telegram
# (127.0.0.1:9), so it wires everything (the SQLite store included, in a throw-away DATA_DIR: no data of the runs
# stays in the image), serves health and metrics (METRICS_PORT, so that a pod with metrics on finds their
# classes in the cache too) and retries, then is stopped with SIGTERM. The first run creates and migrates the
# database; the second, a restart as a rollout or a crash makes one, finds it up to date and leaves Flyway
# unloaded (store/SchemaStamp), and the JVM writes the cache as it exits: the cache is that of a restart, 11 MB
# smaller than with Flyway's 1,100 classes in it, which only a start on a new or older database loads.
# -Xmx pins compressed oops (on, as at run time) whatever the build machine's memory; the other flags are the
# ENTRYPOINT's.
FROM os AS aot
COPY --from=build /build/target/libs/ /app/libs/
COPY --from=build /build/target/weather-agent.jar /app/weather-agent.jar
# linter ignore=ER0005
RUN set -eu; \
    data=$(mktemp -d); \
    train() { \
        DATA_DIR=$data TELEGRAM_BOT_TOKEN=0:aot-training-run-not-a-real-token-0000 \
        TELEGRAM_API_BASE_URL=http://127.0.0.1:9 HEALTH_PORT=48081 METRICS_PORT=48082 LANG=C.UTF-8 \
        /opt/java/bin/java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+UseCompactObjectHeaders \
            -XX:-UsePerfData -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
            -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so \
            "$@" -jar /app/weather-agent.jar >>/tmp/training.log 2>&1 & \
        pid=$!; \
        for _ in $(seq 150); do HEALTH_PORT=48081 /app/healthcheck live >/dev/null && break; sleep 0.2; done; \
        sleep 2; \
        kill -TERM "$pid" 2>/dev/null || true; \
        wait "$pid" || true; \
    }; \
    train; \
    test -s "$data/weather-agent.db" || { cat /tmp/training.log; echo "the training run did not open the SQLite store" >&2; exit 1; }; \
    train -XX:AOTCacheOutput=/app/weather-agent.aot; \
    test -s /app/weather-agent.aot || { cat /tmp/training.log; echo "the training run wrote no AOT cache" >&2; exit 1; }; \
    rm -rf "$data" /tmp/training.log

# ---------------------------------------------------------------------------------------------------------
# lean: the image without the AOT cache, `docker build --target lean`: 94 MB instead of 138, but about twice as
# long to the first getUpdates (docs/deployment.md has the figures). The default image below is this one plus the
# cache, so the two share every layer but the cache's.
# (dockerlinter reads "scratch AS lean" as an image without a tag.)
# linter ignore=EF0004
FROM scratch AS lean

# C.UTF-8 (Debian's /usr/lib/locale/C.utf8, copied above): Java prints Ukrainian log text as UTF-8, not as '?'.
# XDG_CACHE_HOME: should fontconfig ever want to write a cache, /tmp is the only writable place.
# DATA_DIR: where the SQLite file weather-agent.db goes (unused when DATABASE_URL names a PostgreSQL database).
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin \
    LANG=C.UTF-8 \
    XDG_CACHE_HOME=/tmp/.cache \
    DATA_DIR=/data

# Least often changed first: the system files, the runtime, the probe, the libraries, then the app's own jar (its
# AOT cache comes last, in the runtime stage). Everything stays owned by root: the app user can read but not change
# its own code.
COPY --from=os /rootfs/ /
COPY --from=jre /jre /opt/java
COPY --from=probe /probe/healthcheck /app/healthcheck
COPY --from=build /build/target/libs/ /app/libs/
COPY --from=build /build/native/ /app/native/
COPY --from=build /build/target/weather-agent.jar /app/weather-agent.jar
COPY --from=build /build/target/sbom.cdx.json /app/sbom.cdx.json
COPY --from=image-sbom /sbom/sbom-image.cdx.json /app/sbom-image.cdx.json
WORKDIR /app

USER 10001:10001

# glibc makes up to 8 malloc arenas per core for the JVM's threads; two keep the resident size down.
ENV MALLOC_ARENA_MAX=2

# Health is served on 127.0.0.1 only; the probe is a small C program, so a check starts no JVM.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/app/healthcheck", "live"]

# JVM settings for a small container (documented in docs/deployment.md, "What is in the image, and why"):
#   MaxRAMPercentage=50      heap = half the memory limit; the rest is metaspace, code cache, threads
#   UseSerialGC              least overhead for a small heap on about one CPU
#   TieredStopAtLevel=1      C1 only: faster start-up and a smaller resident size, still over 1,000 updates/s
#                            (measured by the benchmark, docs/performance.md)
#   UseCompactObjectHeaders  8-byte object headers (JEP 519): a smaller heap for the same objects
#   ExitOnOutOfMemoryError   die and be restarted instead of limping on
#   -UsePerfData, ErrorFile  write nothing outside /tmp (read-only root filesystem)
#   java.awt.headless        charts are drawn in memory; there is no display
#   org.sqlite.lib.*         load sqlite-jdbc's native library from /app/native, not from a copy in /tmp
#   enable-native-access     that library is JNI: JDK 24+ warns about native access otherwise (a later JDK refuses it)
# The app handles SIGTERM itself: it drains, confirms the last update and exits 0.
ENTRYPOINT ["/opt/java/bin/java", \
    "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+UseCompactObjectHeaders", \
    "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:ErrorFile=/tmp/hs_err_pid%p.log", "-Djava.io.tmpdir=/tmp", \
    "-Djava.awt.headless=true", \
    "--enable-native-access=ALL-UNNAMED", "-Dorg.sqlite.lib.path=/app/native", "-Dorg.sqlite.lib.name=libsqlitejdbc.so", \
    "-jar", "/app/weather-agent.jar"]

# Declared last: a new version or revision changes only this metadata (and copies the AOT cache after it again),
# never a cached layer above.
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE_URL=
ARG LICENSES=NOASSERTION
LABEL org.opencontainers.image.title="weather-agent" \
      org.opencontainers.image.description="Telegram bot that answers weather questions from Open-Meteo" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="${LICENSES}"

# ---------------------------------------------------------------------------------------------------------
# runtime, the default target: the lean image and the AOT cache made above, which the JVM maps at start (one that
# cannot use it starts without it). Its labels, user, health check and environment are the lean image's.
FROM lean AS runtime
COPY --from=aot /app/weather-agent.aot /app/weather-agent.aot
# The lean image's ENTRYPOINT and -XX:AOTCache; .ci/image-test.sh checks that the two differ in that flag alone.
# (dockerlinter allows one ENTRYPOINT per file, not per stage.)
# linter ignore=EI0001
ENTRYPOINT ["/opt/java/bin/java", \
    "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+UseCompactObjectHeaders", \
    "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:ErrorFile=/tmp/hs_err_pid%p.log", "-Djava.io.tmpdir=/tmp", \
    "-Djava.awt.headless=true", \
    "--enable-native-access=ALL-UNNAMED", "-Dorg.sqlite.lib.path=/app/native", "-Dorg.sqlite.lib.name=libsqlitejdbc.so", \
    "-XX:AOTCache=/app/weather-agent.aot", \
    "-jar", "/app/weather-agent.jar"]
