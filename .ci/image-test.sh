#!/usr/bin/env bash
# Image test: builds the project's Dockerfile and runs the image the way Docker would, on a Debian 12 machine
# with no Docker engine and no registry. buildah builds it (vfs storage, chroot isolation), podman runs it
# (runc); public base images are replaced by local stand-ins made with debootstrap. Run as root by CI after
# `mvn verify` has filled target/ (the fake Telegram/Open-Meteo servers live in target/test-classes).
#
# It checks:
#   0. stand-ins for debian:bookworm-slim and maven:3.9-eclipse-temurin-25 (a debootstrap rootfs, cached as a
#      tarball; the host's Temurin 25 JDK and Maven from Maven Central)
#   1. the Dockerfile builds unchanged (only the base images are build args); the image runs as 10001, holds
#      no .env (planted in a copy of the context), no shell, package manager, JDK tools, Maven or /root/.m2; the
#      SBOMs match its jars and Debian files; sizes by layer; a rebuild after a source change reuses the
#      dependency and runtime layers; the jlinked modules cover what jdeps finds; Ukrainian dates, UTF-8 output and
#      chart fonts work; the AOT cache is accepted; start-up (process start to the first getUpdates and to ready,
#      median of 5) with and without it, and podman's own start cost
#   2. with no environment it exits 2 with "configuration error: TELEGRAM_BOT_TOKEN ..."
#   3. against the fake servers, read-only with a noexec /tmp tmpfs (as Docker mounts it) and no volume: it answers
#      /weather, both probes pass without a JVM and report a stuck server, bad settings and usage, nothing outside /tmp is writable, it says once at WARN that it
#      keeps settings in memory only (naming DATA_DIR) and tells the user so in /settings, and SIGTERM ends it
#      with exit 0 within 10 s after confirming
#   3b. the same with a named volume at /data: SQLite loads its native library from the image (not from the
#      noexec /tmp), `/units imperial` is stored, and survives a restart of the container (/settings) and a new
#      container on the same volume (/weather answers in °F); the file on the volume belongs to 10001; the
#      --backup command of docs/deployment.md works beside the running bot and never overwrites a backup
#   4. dockerlinter finds nothing in the Dockerfile
#   5. on exit, containers, the volume and the images it built are removed (vfs storage grows by GBs per build); the
#      base rootfs tarball, the Maven distribution and dockerlinter stay cached in /var/cache, and buildah keeps
#      the Maven repository of RUN --mount=type=cache in /var/tmp/buildah-cache (~200 MB; delete it for a cold
#      build)
#
# The image has no shell or tools: the checks that need them inside a container bring Debian's static busybox,
# mounted read-only at /tools/busybox (never part of the image).
#
# IMAGE_TEST_KEEP=1 keeps the images (stand-ins, layers) for faster reruns while working on the Dockerfile.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
cache=/var/cache/weather-agent-image-test
maven_version=3.9.16
dockerlinter_version=2.0.0
base_image=localhost/debian-base:bookworm
builder_image=localhost/maven-temurin-standin:3.9
image=localhost/weather-agent:image-test
container=weather-agent-image-test
volume=weather-agent-image-test-data

work=$(mktemp -d /tmp/weather-agent-image-test.XXXXXX)
summary=()
fake_pid=""
mounted=""

passed=0
step() { printf '\n=== %s\n' "$*"; }
ok() {
    printf 'ok: %s\n' "$*"
    passed=$((passed + 1))
}
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    echo "image test: $passed passed, 1 failed"
    exit 1
}
note() { summary+=("$*"); }
now_ms() { date +%s%3N; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; } # SI megabytes, as `docker images` shows

# This VM grants no CAP_SYS_RESOURCE, so podman's default nofile rlimit (1048576) cannot be set; there is no
# systemd or journald either. One containers.conf for buildah and podman covers all three.
cat >"$work/containers.conf" <<'EOF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF=$work/containers.conf
# vfs: works on any filesystem without fuse-overlayfs or kernel overlay support for this setup.
# runc: crun refuses this VM's hybrid cgroup layout.
bah() { buildah --storage-driver vfs "$@"; }
pod() { podman --storage-driver vfs --runtime runc "$@"; }

images_before=""
containers_before=""
snapshot=false # set once the storage's images and containers before this run are known
cleanup() {
    local rc=$?
    set +e
    [[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null
    [[ -n $mounted ]] && pod image unmount "$image" >/dev/null
    pod rm -f "$container" >/dev/null 2>&1
    pod volume rm -f "$volume" >/dev/null 2>&1
    local id
    $snapshot || { rm -rf "$work"; exit "$rc"; }
    for id in $(bah containers --all --quiet --notruncate); do
        grep -qxF "$id" <<<"$containers_before" || bah rm "$id" >/dev/null 2>&1
    done
    if [[ ${IMAGE_TEST_KEEP:-} != 1 ]]; then
        # Remove every image this run added (including the stand-ins and the intermediate layers of
        # --layers builds), newest first, and nothing that was there before.
        for _ in 1 2; do # a parent goes only after its children: a second pass takes what the first could not
            for id in $(bah images --all --quiet --no-trunc); do
                grep -qxF "$id" <<<"$images_before" || bah rmi --force "$id" >/dev/null 2>&1
            done
        done
        bah rmi --prune >/dev/null 2>&1
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------
step "tools"
[[ $(id -u) == 0 ]] || fail "run as root (buildah/podman with vfs storage and chroot isolation)"
[[ -x $jdk/bin/java ]] || fail "no JDK at $jdk"
[[ -f $repo/target/weather-agent.jar ]] || fail "no target/weather-agent.jar: run mvn verify (or package) first"
missing=()
for tool in buildah podman runc debootstrap shellcheck npm python3 file; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
if ((${#missing[@]})); then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
mkdir -p "$cache"
linter=$cache/npm/node_modules/.bin/dockerlinter
if [[ ! -x $linter ]] || [[ $("$linter" --version) != "$dockerlinter_version" ]]; then
    # --ignore-scripts: its install script would download a shellcheck binary; Debian's is used instead.
    npm install --prefix "$cache/npm" --ignore-scripts --no-audit --no-fund --loglevel=error \
        "dockerlinter@$dockerlinter_version"
fi
busybox=$(readlink -f /bin/busybox)
file -b "$busybox" | grep -q 'statically linked' || fail "$busybox is not statically linked (Debian's busybox-static)"
images_before=$(bah images --all --quiet --no-trunc)
containers_before=$(bah containers --all --quiet --notruncate)
snapshot=true
ok "buildah $(buildah --version | awk '{print $3}'), podman $(podman --version | awk '{print $3}'), runc, dockerlinter $dockerlinter_version"

# ---------------------------------------------------------------------------------------------------------
step "0. stand-in base images"
if pod image exists "$base_image"; then
    ok "$base_image exists"
else
    tarball=$cache/debian-bookworm-minbase.tar
    if [[ ! -s $tarball ]]; then
        t0=$(now_ms)
        rootfs=$cache/rootfs.tmp
        rm -rf "$rootfs"
        debootstrap --variant=minbase bookworm "$rootfs" >"$work/debootstrap.log" 2>&1 ||
            { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
        # Make it like debian:bookworm-slim: no apt lists or package caches, no docs, man pages or
        # translations, and the same dpkg/apt settings so later installs stay lean too.
        rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
            "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log
        find "$rootfs/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
        find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
        cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
EOF
        cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
        tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
        rm -rf "$rootfs"
        ok "debootstrap minbase rootfs cached in $tarball ($(($(now_ms) - t0)) ms)"
    fi
    # Same PATH and CMD as the real image: the Dockerfile extends PATH.
    pod import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' "$tarball" "$base_image" >/dev/null
    ok "imported $base_image"
fi

if pod image exists "$builder_image"; then
    ok "$builder_image exists"
else
    t0=$(now_ms)
    maven_tgz=$cache/apache-maven-$maven_version-bin.tar.gz
    if [[ ! -s $maven_tgz ]]; then
        mvn -B -q dependency:copy -Dartifact="org.apache.maven:apache-maven:$maven_version:tar.gz:bin" \
            -DoutputDirectory="$cache" -Dmdep.useBaseVersion=true
    fi
    tar -C "$work" -xzf "$maven_tgz"
    # Like the official image: JDK in /opt/java/openjdk, Maven in /usr/share/maven, binutils for jlink.
    ctr=$(bah from --pull=never --quiet "$base_image")
    bah copy --quiet "$ctr" "$jdk" /opt/java/openjdk >/dev/null
    # The host JDK's cacerts is a symlink into /etc/ssl, which the stand-in lacks: copy the real file.
    bah run --isolation chroot "$ctr" -- rm -f /opt/java/openjdk/lib/security/cacerts
    bah copy --quiet "$ctr" "$(readlink -f "$jdk/lib/security/cacerts")" /opt/java/openjdk/lib/security/cacerts >/dev/null
    bah copy --quiet "$ctr" "$work/apache-maven-$maven_version" /usr/share/maven >/dev/null
    bah run --isolation chroot "$ctr" -- sh -c 'ln -s /usr/share/maven/bin/mvn /usr/bin/mvn &&
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends binutils &&
        rm -rf /var/lib/apt/lists/*' >"$work/builder.log" 2>&1 || { cat "$work/builder.log"; fail "builder stand-in"; }
    # MAVEN_OPTS only quiets JDK 25's Unsafe warnings from Maven's own libraries.
    bah config --env JAVA_HOME=/opt/java/openjdk \
        --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --env MAVEN_HOME=/usr/share/maven --env MAVEN_CONFIG=/root/.m2 \
        --env MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow "$ctr"
    bah commit --quiet --rm "$ctr" "$builder_image" >/dev/null
    ok "built $builder_image (Temurin $("$jdk/bin/java" -version 2>&1 | awk -F'"' 'NR==1{print $2}'), Maven $maven_version) in $(($(now_ms) - t0)) ms"
fi

# ---------------------------------------------------------------------------------------------------------
step "1. build"
# Build from a copy of the working tree with secrets planted in it: .dockerignore must keep them out.
# A real .env is never copied.
ctx=$work/context
mkdir "$ctx"
tar -C "$repo" --exclude=.env --exclude='.env.*' -cf - . | tar -C "$ctx" -xf -
canary="IMAGE_TEST_CANARY_$RANDOM$RANDOM"
for f in .env .env.local src/main/resources/.env src/main/docker/.env; do
    mkdir -p "$(dirname "$ctx/$f")"
    printf 'TELEGRAM_BOT_TOKEN=123456789:%s_aaaaaaaaaaaaaaaaaaaaaaaaaaaa\n' "$canary" >"$ctx/$f"
done

version=$(awk '/<\/parent>/ { p = 1 } p && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$repo/pom.xml")
revision=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)

# build NAME: builds $image from $ctx into $work/build-NAME.log; sets build_ms.
build() {
    local log=$work/build-$1.log t0
    t0=$(now_ms)
    if ! bah bud --isolation chroot --layers --pull=never --format docker \
        --build-arg BUILDER_IMAGE="$builder_image" --build-arg RUNTIME_IMAGE="$base_image" \
        --build-arg VERSION="$version" --build-arg REVISION="$revision" \
        -t "$image" "$ctx" >"$log" 2>&1; then
        tail -60 "$log"
        fail "build ($1) failed"
    fi
    build_ms=$(($(now_ms) - t0))
}

# steps LOG: one line per build step, "cached" or "ran", then the instruction.
steps() {
    awk '/STEP [0-9]+\/[0-9]+: / { if (s != "") print (c ? "cached " : "ran    ") s; s = $0; sub(/.*STEP [0-9]+\/[0-9]+: /, "", s); c = 0; next }
         /^--> Using cache / { c = 1 }
         END { if (s != "") print (c ? "cached " : "ran    ") s }' "$1"
}
# cached LOG PATTERN: the step whose instruction matches PATTERN (grep -E) came from the cache.
cached() { steps "$1" | grep -E "^cached .*$2" >/dev/null; }

build first
first_ms=$build_ms
ok "first build: $first_ms ms"
steps "$work/build-first.log"
note "build: first $((first_ms / 1000)) s"

# --- image facts ---
[[ $(pod image inspect --format '{{.Config.User}}' "$image") == 10001:10001 ]] || fail "USER is not 10001:10001"
ok "runs as 10001:10001"
pod image inspect --format '{{json .Config.Healthcheck}}' "$image" | grep -q '"/app/healthcheck","live"' ||
    fail "no HEALTHCHECK calling /app/healthcheck live"
ok "HEALTHCHECK: $(pod image inspect --format '{{json .Config.Healthcheck.Test}}' "$image")"
labels=$(pod image inspect --format '{{json .Labels}}' "$image")
for label in title description version source licenses; do
    [[ $labels == *"\"org.opencontainers.image.$label\""* ]] || fail "label org.opencontainers.image.$label missing"
done
[[ $(pod image inspect --format '{{index .Labels "org.opencontainers.image.version"}}' "$image") == "$version" ]] ||
    fail "org.opencontainers.image.version is not $version"
ok "OCI labels present, version $version"

mnt=$(pod image mount "$image")
mounted=1
leaks=$(find "$mnt" -xdev -name '.env*' 2>/dev/null)
[[ -z $leaks ]] || fail ".env files in the image: $leaks"
grep -rlF --exclude-dir=proc "$canary" "$mnt" 2>/dev/null && fail "the planted secret is in the image"
# Jars are compressed, so grep cannot see into them: list their entries.
for jar in "$mnt"/app/weather-agent.jar "$mnt"/app/libs/*.jar; do
    "$jdk/bin/jar" tf "$jar" | grep -E '(^|/)\.env' && fail ".env inside $jar"
done
pod history --no-trunc --format '{{.CreatedBy}}' "$image" | grep -F "$canary" && fail "the planted secret is in the image history"
ok "no .env and no trace of the planted secret (files, jars, history)"

tools=$(find "$mnt" -xdev -type f \( -name javac -o -name jar -o -name jlink -o -name jshell -o -name jdeps \
    -o -name mvn -o -name 'maven-core*.jar' \) 2>/dev/null)
[[ -z $tools ]] || fail "build tools in the image: $tools"
[[ ! -e $mnt/root/.m2 ]] || fail "/root/.m2 in the image"
[[ ! -e $mnt/usr/share/maven ]] || fail "Maven in the image"
[[ -z $(find "$mnt/var/lib/apt/lists" "$mnt/var/cache/apt" -type f ! -name lock 2>/dev/null) ]] ||
    fail "apt lists or caches in the image"
ok "no javac/jar/jlink/mvn, no /root/.m2, no apt lists or caches"
shells=$(find "$mnt" -xdev ! -type d \( -name sh -o -name bash -o -name dash -o -name busybox -o -name apt \
    -o -name apt-get -o -name dpkg -o -name perl -o -name curl -o -name wget \) 2>/dev/null)
[[ -z $shells ]] || fail "a shell, package manager or download tool in the image: $shells"
[[ ! -e $mnt/var/lib/dpkg/status ]] || fail "a dpkg database in the image (only status.d entries belong there)"
ok "no shell, package manager, perl, curl or wget"
[[ $(stat -c '%u:%g %a' "$mnt/data") == "10001:10001 700" ]] ||
    fail "/data is not a 0700 directory of 10001:10001: $(stat -c '%u:%g %a' "$mnt/data")"
[[ -z $(ls -A "$mnt/data") ]] || fail "/data in the image is not empty: $(ls -A "$mnt/data")"
dbs=$(find "$mnt" -xdev -name 'weather-agent.db*' 2>/dev/null)
[[ -z $dbs ]] || fail "a SQLite database in the image (the AOT training run's?): $dbs"
[[ $(pod image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$image") == *DATA_DIR=/data* ]] ||
    fail "ENV DATA_DIR=/data missing"
# sqlite-jdbc's native library, taken out of its jar at build time: the very file the published jar (as in
# target/libs) holds for this machine; the jar in the image has no native library left.
native=$mnt/app/native/libsqlitejdbc.so
[[ -f $native ]] || fail "no /app/native/libsqlitejdbc.so (sqlite-jdbc would extract it into /tmp)"
native_entry=org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so
mapfile -t sqlite_jars < <(ls "$mnt"/app/libs/sqlite-jdbc-*.jar)
((${#sqlite_jars[@]} == 1)) || fail "expected one sqlite-jdbc jar in /app/libs, found ${#sqlite_jars[@]}"
published=$repo/target/libs/${sqlite_jars[0]##*/}
[[ -f $published ]] || fail "no $published to compare the image's sqlite-jdbc with: run mvn package first"
(cd "$work" && "$jdk/bin/jar" xf "$published" "$native_entry")
cmp -s "$native" "$work/$native_entry" || fail "/app/native/libsqlitejdbc.so is not $native_entry of ${published##*/}"
left=$("$jdk/bin/jar" tf "${sqlite_jars[0]}" | grep -c '^org/sqlite/native/.' || true)
((left == 0)) || fail "${sqlite_jars[0]##*/} in the image still has $left entries under org/sqlite/native/"
ok "/data: empty, 0700, owned by 10001 (ENV DATA_DIR=/data); no database in the image; /app/native has $native_entry ($(mb "$(stat -c %s "$native")") MB) of the published jar; the image's jar ($(mb "$(stat -c %s "${sqlite_jars[0]}")") MB, published $(mb "$(stat -c %s "$published")") MB) has no native library"
# The SBOMs describe what is really in the image (Jackson for the check comes from the image's own libs).
sboms=$("$jdk/bin/java" -cp "$mnt/app/libs/*" "$repo/.ci/image/SbomCheck.java" "$mnt") || fail "SBOM check"
ok "$sboms"
[[ -x $mnt/app/healthcheck ]] || fail "/app/healthcheck missing or not executable"
file -b "$mnt/app/healthcheck" | grep -q '^ELF' || fail "/app/healthcheck is not a compiled program: $(file -b "$mnt/app/healthcheck")"
ok "/app/healthcheck is an executable ELF program ($(stat -c %s "$mnt/app/healthcheck") bytes)"
# Every shared library the image's binaries need is in it (ldd against the image's own loader and libraries).
missing_libs=$(for bin in "$mnt"/opt/java/bin/java "$mnt"/opt/java/lib/*.so "$mnt"/opt/java/lib/server/libjvm.so \
    "$mnt"/app/native/libsqlitejdbc.so "$mnt"/app/healthcheck "$mnt"/usr/lib/x86_64-linux-gnu/libfontconfig.so.1; do
    LD_LIBRARY_PATH="$mnt/usr/lib/x86_64-linux-gnu:$mnt/opt/java/lib:$mnt/opt/java/lib/server" ldd "$bin" 2>/dev/null |
        grep 'not found' || true
done | sort -u)
[[ -z $missing_libs ]] || fail "shared libraries missing from the image: $missing_libs"
ok "every shared library the JVM, its libraries, sqlite-jdbc, fontconfig and the probe link against is in the image"

runtime_b=$(du -sb "$mnt/opt/java" | cut -f1)
libs_b=$(du -sb "$mnt/app/libs" | cut -f1)
jar_b=$(stat -c %s "$mnt/app/weather-agent.jar")
aot_b=$(stat -c %s "$mnt/app/weather-agent.aot")
system_b=$(($(du -sb "$mnt" | cut -f1) - $(du -sb "$mnt/opt" | cut -f1) - $(du -sb "$mnt/app" | cut -f1)))
fonts_b=$(du -sb "$mnt/usr/share/fonts" | cut -f1)
image_b=$(pod image inspect --format '{{.Size}}' "$image")
modules=$("$mnt/opt/java/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)
echo "jlinked runtime: $(mb "$runtime_b") MB ($modules)"
echo "libs $(mb "$libs_b") MB, app jar $(mb "$jar_b") MB, AOT cache $(mb "$aot_b") MB"
echo "system files (C libraries, fonts, users, dpkg entries): $(mb "$system_b") MB, of which fonts $(mb "$fonts_b") MB"
echo "image: $(mb "$image_b") MB (on an empty base: this is the size docker images shows)"
pod history --format '{{.Size}}\t{{.CreatedBy}}' "$image" | cut -c1-150 | head -14
note "jlinked runtime: $(mb "$runtime_b") MB"
note "image: $(mb "$image_b") MB (target <= 120) = system files $(mb "$system_b") (fonts $(mb "$fonts_b")) + runtime $(mb "$runtime_b") + libs $(mb "$libs_b") + jar $(mb "$jar_b") + AOT cache $(mb "$aot_b"); without the cache $(awk -v i="$image_b" -v a="$aot_b" 'BEGIN { printf "%.1f", (i - a) / 1000000 }') MB"

# The jlinked module list is fixed in the Dockerfile, so a new library that needs another JDK module would
# only fail at run time, on the code path that needs it. jdeps over every jar in the image (not just what
# the main jar reaches: ServiceLoader providers such as the JDK HTTP clients are found only this way) must
# find nothing beyond JAVA_MODULES and these, which are not needed at run time:
#   java.xml            Jackson's optional XML types; opennlp-tools, only for LangChain4j's sentence splitter
#                       (it comes with java.desktop anyway)
#   java.compiler       Error Prone annotations (compile time)
#   java.security.jgss  pgjdbc's Kerberos/GSSAPI authentication and encryption (gssEncMode); password, SCRAM and
#                       certificate logins do not use it
not_needed=" java.xml java.compiler java.security.jgss "
needed=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 21 -summary --class-path "$mnt/app/libs/*" \
    "$mnt/app/weather-agent.jar" "$mnt"/app/libs/*.jar | awk '$3 ~ /^(java|jdk)\./ { print $3 }' | sort -u)
for m in $needed; do
    [[ $not_needed == *" $m "* ]] && continue
    [[ ,$modules, == *",$m,"* ]] || fail "jdeps finds code that needs $m, which JAVA_MODULES in the Dockerfile lacks"
done
ok "the jlinked modules cover what jdeps finds in the image's jars ($(paste -sd, <<<"$needed")), apart from the optional ones"
pod image unmount "$image" >/dev/null
mounted=""

# --- the lean target (docker build --target lean): the default image without its AOT cache ---
# It is the default image's base, so the first build made every layer of it already.
image_lean=$image-lean
t0=$(now_ms)
if ! bah bud --isolation chroot --layers --pull=never --format docker --target lean \
    --build-arg BUILDER_IMAGE="$builder_image" --build-arg RUNTIME_IMAGE="$base_image" \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" \
    -t "$image_lean" "$ctx" >"$work/build-lean.log" 2>&1; then
    tail -60 "$work/build-lean.log"
    fail "build (--target lean) failed"
fi
lean_ms=$(($(now_ms) - t0))
ran=$(steps "$work/build-lean.log" | grep -v '^ran    FROM ' | grep -c '^ran' || true)
((ran == 0)) || { steps "$work/build-lean.log"; fail "the lean target ran $ran steps: it is not the default image's base"; }
# Its layers are the default image's, bar the last one: the cache.
mapfile -t lean_layers < <(pod image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "$image_lean" | sed '/^$/d')
mapfile -t full_layers < <(pod image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "$image" | sed '/^$/d')
((${#full_layers[@]} == ${#lean_layers[@]} + 1)) ||
    fail "the default image has ${#full_layers[@]} layers, the lean one ${#lean_layers[@]}: expected one more (the AOT cache)"
[[ $(printf '%s\n' "${full_layers[@]:0:${#lean_layers[@]}}") == "$(printf '%s\n' "${lean_layers[@]}")" ]] ||
    fail "the lean image's layers are not the default image's first ${#lean_layers[@]}"
# Its ENTRYPOINT is the default one without -XX:AOTCache (two copies in the Dockerfile: they must not drift apart).
lean_entry=$(pod image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image_lean" | sed '/^$/d')
full_entry=$(pod image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image" | sed '/^$/d')
grep -qx -- '-XX:AOTCache=/app/weather-agent.aot' <<<"$full_entry" || fail "the default ENTRYPOINT has no -XX:AOTCache=/app/weather-agent.aot"
[[ $lean_entry == "$(grep -vx -- '-XX:AOTCache=/app/weather-agent.aot' <<<"$full_entry")" ]] ||
    fail "the lean ENTRYPOINT is not the default one without -XX:AOTCache: $(paste -sd' ' <<<"$lean_entry")"
[[ $(pod image inspect --format '{{.Config.User}} {{json .Config.Healthcheck.Test}}' "$image_lean") == \
    "$(pod image inspect --format '{{.Config.User}} {{json .Config.Healthcheck.Test}}' "$image")" ]] ||
    fail "the lean image's user or health check differs from the default image's"
lean_b=$(pod image inspect --format '{{.Size}}' "$image_lean")
((lean_b <= 120000000)) || fail "the lean image is $(mb "$lean_b") MB, more than 120"
ok "--target lean: $(mb "$lean_b") MB (<= 120) in $lean_ms ms, no step run; the default image's layers but the AOT cache's, its ENTRYPOINT without -XX:AOTCache, the same user and health check"
note "lean image (--target lean): $(mb "$lean_b") MB, the default image's layers without the AOT cache"

# --- rebuilds ---
build unchanged
unchanged_ms=$build_ms
ran=$(steps "$work/build-unchanged.log" | grep -v '^ran    FROM ' | grep -c '^ran' || true)
((ran == 0)) || { steps "$work/build-unchanged.log"; fail "an unchanged rebuild ran $ran steps"; }
ok "unchanged rebuild: $unchanged_ms ms, every step from the cache"

main_java=$(find "$ctx/src/main/java" -name Main.java | head -1)
printf '\n// image test: a source change %s\n' "$(date +%s)" >>"$main_java"
build source-change
source_ms=$build_ms
steps "$work/build-source-change.log"
log=$work/build-source-change.log
cached "$log" 'dependency:resolve dependency:resolve-plugins' || fail "the dependency layer (mvn dependency:resolve) was rebuilt"
cached "$log" 'RUN jlink' || fail "the jlink layer was rebuilt"
cached "$log" 'COPY --from=jre /jre /opt/java' || fail "the runtime COPY layer was rebuilt"
cached "$log" 'COPY --from=os /rootfs/ /' || fail "the system files layer was rebuilt"
# Not grep -q: it would stop reading at the first match, and with pipefail the writer's SIGPIPE fails the check.
steps "$log" | grep -E '^ran .*-DskipTests .*package' >/dev/null || fail "the source change did not rebuild the jar"
libs_reused=$(cached "$log" 'COPY --from=build /build/target/libs/' && echo reused || echo rebuilt)
ok "after a source change: $source_ms ms; dependencies, jlink and runtime layers reused, libs layer $libs_reused"
note "build: unchanged rebuild $((unchanged_ms / 1000)) s (all cached), after a source change $((source_ms / 1000)) s (dependency, jlink, system files, /opt/java layers reused; libs layer $libs_reused)"

# ---------------------------------------------------------------------------------------------------------
step "1b. runtime checks inside the image"
# What `docker run --read-only --tmpfs /tmp` does; --read-only-tmpfs=false stops podman adding its own
# writable /tmp, /var/tmp and /run.
# No systemd here to run HEALTHCHECK timers: containers run without them, and step 3 runs the check itself.
run_flags=(--pull=never --read-only --read-only-tmpfs=false --tmpfs "/tmp:rw,noexec,nosuid,nodev,size=64m"
    --cap-drop=ALL --security-opt=no-new-privileges --no-healthcheck -v "$busybox:/tools/busybox:ro")
bb=/tools/busybox
short_run=(run --rm "${run_flags[@]}")
mapfile -t entry < <(pod image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image" | sed '/^$/d')
# The ENTRYPOINT's JVM and flags, without "-jar /app/weather-agent.jar" and without the AOT cache, which
# matches only the app's class path.
jvm=()
for arg in "${entry[@]:0:${#entry[@]}-2}"; do
    [[ $arg == -XX:AOTCache=* ]] || jvm+=("$arg")
done

# What the jlinked runtime and the runtime image must provide but no unit test sees (tests run on a full JDK):
# Ukrainian date names, UTF-8 output, and headless Java2D with Cyrillic fonts for the forecast chart.
mkdir "$work/probe"
"$jdk/bin/javac" --release 21 -d "$work/probe" "$repo/.ci/image/RuntimeProbe.java"
out=$(pod "${short_run[@]}" --network=none -v "$work/probe:/probe:ro" --entrypoint "${jvm[0]}" \
    "$image" "${jvm[@]:1}" -cp /probe RuntimeProbe 2>&1)
echo "$out"
grep -qx 'weekday=понеділок' <<<"$out" || fail "Ukrainian weekday names do not render (jdk.localedata?)"
grep -qx 'stdout.encoding=UTF-8' <<<"$out" || fail "stdout is not UTF-8 (LANG=C.UTF-8?)"
grep -qx 'headless=true' <<<"$out" || fail "Java2D is not headless"
grep -q '^families=.*DejaVu Sans' <<<"$out" || fail "no DejaVu Sans font for Java2D (fontconfig, fonts-dejavu-core?)"
grep -qx 'cyrillic=true' <<<"$out" || fail "the SansSerif font cannot draw Cyrillic"
grep -qx 'png=true' <<<"$out" || fail "drawing text into a PNG failed"
[[ $(wc -l <<<"$out") == 7 ]] || fail "the runtime probe printed warnings (font configuration?)"
ok "Ukrainian dates render, stdout is UTF-8, headless Java2D draws Cyrillic text into a PNG"

# -XX:AOTMode=on turns an AOT cache the JVM cannot use into a start-up failure instead of a silent fallback.
rc=0
pod "${short_run[@]}" --network=none -e JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$image" >"$work/aot.out" 2>&1 || rc=$?
((rc == 2)) || { cat "$work/aot.out"; fail "with -XX:AOTMode=on the app did not reach its config check (exit $rc)"; }
ok "the AOT cache maps (-XX:AOTMode=on)"

heap=$(pod "${short_run[@]}" --network=none --memory=256m --entrypoint "${jvm[0]}" "$image" \
    "${jvm[@]:1}" -XshowSettings:vm -version 2>&1 | awk -F': *' '/Max. Heap Size/ { print $2 }') || true
memory_limit=()
if [[ -n $heap ]]; then
    memory_limit=(--memory=256m) # as in compose.yaml and the chart
    ok "max heap with a 256 MB memory limit: $heap"
    note "max heap under a 256m limit: $heap"
else
    echo "(podman --memory not available here: heap sizing under a limit not checked)"
fi

# ---------------------------------------------------------------------------------------------------------
step "2. no configuration"
rc=0
t0=$(now_ms)
pod "${short_run[@]}" --network=none "$image" >"$work/noenv.out" 2>"$work/noenv.err" || rc=$?
cat "$work/noenv.err"
((rc == 2)) || fail "exit code $rc without configuration, expected 2"
grep -q '^configuration error: TELEGRAM_BOT_TOKEN' "$work/noenv.err" || fail "no 'configuration error: TELEGRAM_BOT_TOKEN' line"
grep -Eq '\[(cds|aot)' "$work/noenv.err" && fail "the JVM complains about the AOT cache"
ok "exit 2 with 'configuration error: TELEGRAM_BOT_TOKEN ...' in $(($(now_ms) - t0)) ms (podman included), no AOT cache warnings"

# ---------------------------------------------------------------------------------------------------------
step "3. against fake Telegram and Open-Meteo"
fake_class=$repo/target/test-classes/dev/weatheragent/fakes/FakeServersMain.class
[[ -f $fake_class ]] || fail "no $fake_class: run mvn verify (test-compile) first"
# The fake runs until its stdin closes: hold a FIFO open for it (CI gives this script no stdin).
mkfifo "$work/fake.in"
exec {fake_in}<>"$work/fake.in"
(cd "$repo" && exec "$jdk/bin/java" -cp "target/test-classes:target/classes:target/libs/*" \
    dev.weatheragent.fakes.FakeServersMain "$work/fake.env") <&"$fake_in" >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
# wait_for PATTERN FILE SECONDS
wait_for() {
    local deadline=$((SECONDS + $3))
    until grep -q "$1" "$2" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        kill -0 "$fake_pid" 2>/dev/null || return 1
        sleep 0.2
    done
}
wait_for '^READY' "$work/fake.out" 60 || { cat "$work/fake.out" "$work/fake.err"; fail "the fake servers did not print READY"; }
# ask TEXT: the bot's answer to TEXT from the fake's chat, in $answer (its lines joined by " | ").
sends=0
ask() {
    sends=$((sends + 1))
    printf 'SEND %s\n' "$1" >&"$fake_in"
    wait_for "^\(NO-\)\?ANSWER $sends\b" "$work/fake.out" 150 || { cat "$work/fake.out"; fail "the fake never reported on '$1'"; }
    answer=$(grep -m1 "^ANSWER $sends " "$work/fake.out" | cut -d' ' -f3-) || true
    [[ -n $answer ]] || { pod logs "$container" 2>&1 | tail -20; fail "no answer to '$1'"; }
}
# await_ready: the container's readiness probe passes (Telegram polled, settings store open) within 30 s.
await_ready() {
    local _
    for _ in $(seq 150); do
        pod exec "$container" /app/healthcheck ready >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    pod logs "$container" 2>&1 | tail -20
    return 1
}
ok "fake servers ready: $(grep -o '^[A-Z_]*=' "$work/fake.env" | tr -d = | paste -sd' ')"

# --network=host shares the host's loopback with the fakes, and with anything else listening there: pick a
# free port for the health endpoint instead of 8081.
port=""
for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[[ -n $port ]] || fail "no free port for HEALTH_PORT"

pod rm -f "$container" >/dev/null 2>&1 || true # left over from an interrupted run
t0=$(now_ms)
pod run -d --name "$container" "${run_flags[@]}" "${memory_limit[@]}" --network=host \
    --env-file "$work/fake.env" -e HEALTH_PORT="$port" -e LOG_FORMAT=text "$image" >/dev/null
wait_for '^REPLY' "$work/fake.out" 90 || { pod logs "$container"; cat "$work/fake.out"; fail "no reply to /weather Kyiv"; }
reply_ms=$(($(now_ms) - t0))
ok "the bot answered /weather in $reply_ms ms from podman run: $(grep -m1 '^REPLY' "$work/fake.out")"

for probe in live ready; do
    out=$(pod exec "$container" /app/healthcheck "$probe") || fail "/app/healthcheck $probe failed: $out"
    ok "podman exec /app/healthcheck $probe: $out"
done
# The image's own HEALTHCHECK command, as Docker would run it (podman needs systemd timers for that).
mapfile -t check < <(pod image inspect --format '{{range .Config.Healthcheck.Test}}{{println .}}{{end}}' "$image" | sed '/^$/d')
[[ ${check[0]} == CMD ]] || fail "HEALTHCHECK is not in exec form: ${check[*]}"
pod exec "$container" "${check[@]:1}" >/dev/null || fail "the image's HEALTHCHECK (${check[*]:1}) fails"
ok "the image's HEALTHCHECK command (${check[*]:1}) passes"

# The probe's cost, inside the container: 20 calls timed (busybox's time, in ms of the usr+sys CPU the children used
# is too coarse: wall time from adjtimex), while /proc is watched for a second java process.
# shellcheck disable=SC2016 # expanded by the container's busybox sh
cost=$(pod exec "$container" $bb sh -c '
    bb=/tools/busybox
    ms() { $bb adjtimex | $bb awk "/tv_sec/ { s = \$2 } /tv_usec/ { u = \$2 } END { printf \"%.0f\", s * 1000 + u / 1000 }"; }
    t0=$(ms); for i in $($bb seq 20); do /app/healthcheck live >/dev/null; done; t1=$(ms)
    ( for i in $($bb seq 20); do /app/healthcheck live >/dev/null; done ) &
    loop=$!; most=0
    while kill -0 "$loop" 2>/dev/null; do
        n=0
        for exe in /proc/[0-9]*/exe; do [ "$($bb readlink "$exe" 2>/dev/null)" = /opt/java/bin/java ] && n=$((n + 1)); done
        [ "$n" -gt "$most" ] && most=$n
    done
    echo "$(((t1 - t0) / 20)) $most"')
read -r probe_ms javas <<<"$cost"
((javas == 1)) || fail "a probe started a JVM ($javas java processes seen)"
ok "probe cost: ${probe_ms} ms per call inside the container; only the app's own JVM ran meanwhile"
# The probe's own failure modes: a bad argument, a bad HEALTH_PORT or timeout, a closed port and a server that
# accepts but never answers (python on the host's loopback, shared through --network=host).
rc=0; out=$(pod exec "$container" /app/healthcheck alive 2>&1) || rc=$?
[[ $rc == 2 && $out == "usage: healthcheck [live|ready]" ]] || fail "healthcheck alive: exit $rc, '$out'"
rc=0; out=$(pod exec -e HEALTH_PORT=80a "$container" /app/healthcheck) || rc=$?
[[ $rc == 1 && $out == "live: HEALTH_PORT must be a port number from 1 to 65535, got '80a'" ]] || fail "HEALTH_PORT=80a: exit $rc, '$out'"
rc=0; out=$(pod exec -e HEALTHCHECK_TIMEOUT_SECONDS=0 "$container" /app/healthcheck ready) || rc=$?
[[ $rc == 1 && $out == *"HEALTHCHECK_TIMEOUT_SECONDS must be"* ]] || fail "HEALTHCHECK_TIMEOUT_SECONDS=0: exit $rc, '$out'"
stuck_port=""
for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then stuck_port=$p; break; fi
done
rc=0; out=$(pod exec -e HEALTH_PORT="$stuck_port" "$container" /app/healthcheck) || rc=$?
[[ $rc == 1 && $out == "live: no HTTP answer from 127.0.0.1:$stuck_port" ]] || fail "closed port: exit $rc, '$out'"
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); print("up", flush=True)
c, _ = s.accept(); time.sleep(5)' "$stuck_port" >"$work/stuck.out" &
stuck_pid=$!
for _ in $(seq 50); do grep -q up "$work/stuck.out" && break; sleep 0.1; done
t0=$(now_ms)
rc=0; out=$(pod exec -e HEALTH_PORT="$stuck_port" -e HEALTHCHECK_TIMEOUT_SECONDS=1 "$container" /app/healthcheck) || rc=$?
stuck_ms=$(($(now_ms) - t0))
kill "$stuck_pid" 2>/dev/null; wait "$stuck_pid" 2>/dev/null || true
[[ $rc == 1 && $out == "live: no answer from 127.0.0.1:$stuck_port within 1s" ]] || fail "stuck server: exit $rc, '$out'"
ok "the probe: exit 2 on a bad argument, exit 1 with a reason on a bad HEALTH_PORT or timeout, a closed port and a server that never answers ($stuck_ms ms with a 1 s limit, podman exec included)"
note "healthcheck: ${probe_ms} ms per call (a C program), no JVM started"

pod exec "$container" $bb sh -c "$bb touch /tmp/x && $bb rm /tmp/x" || fail "cannot write /tmp"
pod exec "$container" $bb touch /app/x 2>/dev/null && fail "the app user can write /app"
err=$(pod exec --user 0 "$container" $bb touch /app/x 2>&1) && fail "root can write /app"
[[ $err == *"Read-only file system"* ]] || fail "writing /app failed, but not because it is read-only: $err"
err=$(pod exec --user 0 "$container" $bb touch /x 2>&1) && fail "root can write /"
ok "/tmp is writable; / and /app are not, even for root: $err"
# shellcheck disable=SC2016 # awk's own $2, $3, $4
tmp_mount=$(pod exec "$container" $bb awk '$2 == "/tmp" { print $3 " " $4 }' /proc/mounts)
[[ $tmp_mount == tmpfs\ *noexec* ]] || fail "/tmp is not a noexec tmpfs, as Docker mounts --tmpfs: $tmp_mount"
ok "/tmp is $tmp_mount"

# No volume at /data on a read-only root: the bot keeps settings in memory, says so once at WARN, and tells users.
warns=$(pod logs "$container" 2>&1 | grep -c 'WARN.*DATA_DIR /data .*memory only') || true
((warns == 1)) || { pod logs "$container" 2>&1 | tail -20; fail "expected one WARN naming DATA_DIR and memory-only mode, saw $warns"; }
ok "one WARN: $(pod logs "$container" 2>&1 | grep -m1 -o 'DATA_DIR /data .*memory only[^.]*')"
ask /settings
[[ $answer == *"in memory only"* ]] || fail "/settings does not say the settings are kept in memory only: $answer"
ok "/settings tells the user: ${answer##* | }"

# Exec-form ENTRYPOINT: the JVM is PID 1 and gets SIGTERM itself.
[[ $(pod exec "$container" $bb readlink /proc/1/exe) == /opt/java/bin/java ]] || fail "PID 1 is not the JVM"
rss=$(pod exec "$container" $bb grep VmRSS /proc/1/status | awk '{ print $2 }')
ok "app RSS after answering: $((rss / 1024)) MiB"
note "app RSS after one /weather answer: $((rss / 1024)) MiB"

t0=$(now_ms)
pod stop -t 10 "$container" >/dev/null
stop_ms=$(($(now_ms) - t0))
exit_code=$(pod inspect --format '{{.State.ExitCode}}' "$container")
pod logs "$container" 2>&1 | tail -5
((exit_code == 0)) || fail "exit code $exit_code after SIGTERM, expected 0"
((stop_ms < 10000)) || fail "SIGTERM to exit took $stop_ms ms (podman stop -t 10 would have killed it)"
wait_for '^CONFIRMED' "$work/fake.out" 5 || { cat "$work/fake.out"; fail "the fake never saw the update confirmed"; }
sleep 0.5 # the fake reports Bot API contract violations right after CONFIRMED
grep '^SPEC-VIOLATIONS' "$work/fake.out" && fail "the fake Telegram saw requests that break the Bot API spec"
ok "SIGTERM -> exit 0 in $stop_ms ms (podman included); the fake printed CONFIRMED"
note "SIGTERM to exit 0: $stop_ms ms (podman stop included), update confirmed"
note "first reply to /weather: $reply_ms ms after podman run"
pod rm -f "$container" >/dev/null

# ---------------------------------------------------------------------------------------------------------
step "3b. with a named volume at /data, across a restart"
# As `docker run -v weather-agent-data:/data`: a new named volume is filled from the image's /data (its owner too).
pod volume rm -f "$volume" >/dev/null 2>&1 || true
pod volume create "$volume" >/dev/null
data_run=(run -d --name "$container" "${run_flags[@]}" "${memory_limit[@]}" --network=host -v "$volume:/data"
    --env-file "$work/fake.env" -e HEALTH_PORT="$port" -e LOG_FORMAT=text "$image")
t0=$(now_ms)
pod "${data_run[@]}" >/dev/null
await_ready || fail "not ready with a volume at /data"
ready_ms=$(($(now_ms) - t0))
pod logs "$container" 2>&1 | grep 'chat settings are stored in /data/weather-agent.db' >/dev/null ||
    { pod logs "$container" 2>&1 | tail -20; fail "the bot did not open /data/weather-agent.db"; }
pod logs "$container" 2>&1 | grep 'memory only' && fail "memory-only mode with a writable volume at /data"
ok "ready in $ready_ms ms from podman run, settings in /data/weather-agent.db"
ask "/units imperial"
[[ $answer == "Units set to imperial"* ]] || fail "/units imperial was not confirmed: $answer"
ok "/units imperial: $answer"

# The same container stopped and started again: only /data (and a fresh, empty /tmp) can carry anything over.
t0=$(now_ms)
pod stop -t 10 "$container" >/dev/null
exit_code=$(pod inspect --format '{{.State.ExitCode}}' "$container")
((exit_code == 0)) || fail "exit code $exit_code after SIGTERM with a volume, expected 0"
pod start "$container" >/dev/null
await_ready || fail "not ready after the restart"
restart_ms=$(($(now_ms) - t0))
ask /settings
[[ $answer == *"Units: imperial"* ]] || fail "the units did not survive the restart: $answer"
[[ $answer == *"memory only"* ]] && fail "memory-only mode after the restart: $answer"
ok "after a restart ($restart_ms ms from stop to ready), /settings: $answer"

# A new container on the same volume, as after an upgrade or `docker compose up` recreating it.
pod stop -t 10 "$container" >/dev/null
pod rm "$container" >/dev/null
pod "${data_run[@]}" >/dev/null
await_ready || fail "a new container on the volume is not ready"
ask "/weather Kyiv"
[[ $answer == *"°F"* && $answer != *"°C"* ]] || fail "a new container on the volume does not answer in °F: $answer"
ok "a new container on the same volume answers in °F: ${answer%% | ☁*}..."

owner=$(stat -c '%u:%g' "$(pod volume inspect --format '{{.Mountpoint}}' "$volume")/weather-agent.db")
[[ $owner == 10001:10001 ]] || fail "weather-agent.db on the volume belongs to $owner, not 10001:10001"
# sqlite-jdbc loaded /app/native/libsqlitejdbc.so: nothing was extracted into the noexec /tmp, and the JVM
# printed no native-access warning (--enable-native-access).
leftovers=$(pod exec "$container" $bb find /tmp -name '*sqlite*')
[[ -z $leftovers ]] || fail "sqlite-jdbc extracted its library into /tmp: $leftovers"
pod logs "$container" 2>&1 | grep -E 'restricted method|UnsatisfiedLinkError|NativeLibraryNotFound' &&
    fail "native library warnings or errors in the log"
ok "weather-agent.db belongs to 10001:10001; nothing of sqlite-jdbc in /tmp, no native-access warnings"

# The backup command of docs/deployment.md ("Backups"), beside the running bot: a second, small JVM with the
# ENTRYPOINT's SQLite flags, inside the same memory limit.
backup_cmd=(/opt/java/bin/java -Xmx32m -XX:+UseSerialGC -XX:-UsePerfData --enable-native-access=ALL-UNNAMED
    -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so -jar /app/weather-agent.jar)
for flag in --enable-native-access=ALL-UNNAMED -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so; do
    [[ " ${entry[*]} " == *" $flag "* ]] || fail "the backup command's $flag is not in the ENTRYPOINT any more"
done
t0=$(now_ms)
out=$(pod exec "$container" "${backup_cmd[@]}" --backup /data/backup-1.db 2>&1) ||
    { echo "$out"; fail "--backup failed in the container"; }
backup_ms=$(($(now_ms) - t0))
backup_file=$(pod volume inspect --format '{{.Mountpoint}}' "$volume")/backup-1.db
[[ $(head -c 15 "$backup_file") == "SQLite format 3" ]] || fail "the backup is not a SQLite database: $out"
pod exec "$container" /app/healthcheck live >/dev/null || fail "the bot is not live after the backup"
rc=0
pod exec "$container" "${backup_cmd[@]}" --backup /data/backup-1.db >/dev/null 2>&1 || rc=$?
((rc == 2)) || fail "a second backup onto the same file exited $rc, expected 2 (never overwrite)"
ok "--backup beside the running bot in $backup_ms ms (podman exec included): $out; the same target again: exit 2"
pod stop -t 10 "$container" >/dev/null
exit_code=$(pod inspect --format '{{.State.ExitCode}}' "$container")
((exit_code == 0)) || fail "exit code $exit_code after SIGTERM, expected 0"
grep '^SPEC-VIOLATIONS' "$work/fake.out" && fail "the fake Telegram saw requests that break the Bot API spec"
pod rm -f "$container" >/dev/null
note "with a volume at /data: ready $ready_ms ms after podman run; restart (SIGTERM, start, ready) $restart_ms ms; /units imperial survived a restart and a new container; --backup $backup_ms ms"

# ---------------------------------------------------------------------------------------------------------
step "3c. start-up"
# polls_after MS: when the fake first saw a getUpdates at or after MS (ms since the epoch), in $first_poll; empty
# when it has seen none yet.
polls_asked=0
polls_after() {
    polls_asked=$((polls_asked + 1))
    printf 'POLLS\n' >&"$fake_in"
    local _
    for _ in $(seq 100); do
        (($(grep -c '^POLLS' "$work/fake.out") >= polls_asked)) && break
        sleep 0.05
    done
    first_poll=$(grep '^POLLS' "$work/fake.out" | sed -n "${polls_asked}p" | cut -d' ' -f2 | tr ',' '\n' |
        awk -v t="$1" '$1 >= t { print; exit }')
}
# Process start to the first getUpdates and to /health/ready, inside one container, so that podman's own start
# stays out: busybox sh notes the time from the kernel's clock (adjtimex, the clock the fake on the host reads),
# starts the ENTRYPOINT's command and probes readiness every 10 ms. With the AOT cache and without it
# (-XX:AOTMode=off), alternating, 5 each. On the volume of 3b: a restart on an up-to-date SQLite database, the start
# a rollout, a crash or a leader takeover makes.
# shellcheck disable=SC2016 # expanded by the container's busybox sh
measure='
    bb=/tools/busybox
    ms() { $bb adjtimex | $bb awk "/tv_sec/ { s = \$2 } /tv_usec/ { u = \$2 } END { printf \"%.0f\", s * 1000 + u / 1000 }"; }
    run() {
        mode=$1; shift
        t0=$(ms)
        "$@" >/dev/null 2>&1 &
        pid=$!
        i=0
        until /app/healthcheck ready >/dev/null; do
            i=$((i + 1)); [ "$i" -lt 3000 ] || break
            $bb sleep 0.01
        done
        t1=$(ms)
        kill -TERM "$pid"
        wait "$pid"
        echo "$mode $t0 $t1"
    }
    java=$1; shift
    for i in 1 2 3 4 5; do
        run aot "$java" "$@"
        run none "$java" -XX:AOTMode=off "$@"
    done'
times=$(pod run --rm "${run_flags[@]}" "${memory_limit[@]}" --network=host -v "$volume:/data" --env-file "$work/fake.env" \
    -e HEALTH_PORT="$port" -e LOG_FORMAT=text --entrypoint "$bb" "$image" sh -c "$measure" measure "${entry[@]}")
echo "$times"
rows=()
while read -r mode t0 t1; do
    polls_after "$t0"
    [[ -n $first_poll ]] || fail "the fake saw no getUpdates after the start at $t0 ($mode)"
    rows+=("$mode $((first_poll - t0)) $((t1 - t0))")
done <<<"$times"
((${#rows[@]} == 10)) || fail "expected 10 start-ups, measured ${#rows[@]}"
# median MODE COLUMN: the median of 5 (column 2: first getUpdates, 3: ready).
median() { printf '%s\n' "${rows[@]}" | awk -v m="$1" -v c="$2" '$1 == m { print $c }' | sort -n | sed -n 3p; }
printf '  %s\n' "${rows[@]}"
aot_poll=$(median aot 2)
aot_ready=$(median aot 3)
none_poll=$(median none 2)
none_ready=$(median none 3)
ok "process start -> first getUpdates (median of 5): ${aot_poll} ms with the AOT cache, ${none_poll} ms without; -> ready: ${aot_ready} ms, ${none_ready} ms"
note "start-up, process start -> first getUpdates / -> /health/ready (median of 5): ${aot_poll} / ${aot_ready} ms with the AOT cache, ${none_poll} / ${none_ready} ms without"

# run_until_poll IMAGE LOG: podman run -d of IMAGE against the fakes, on the volume, until the fake sees a getUpdates
# from it; then its output goes to LOG and it is stopped. Sets poll_ms, from podman run to that getUpdates (empty
# when none came within 30 s).
run_until_poll() {
    local t0 _
    pod rm -f "$container" >/dev/null 2>&1 || true
    t0=$(now_ms)
    pod run -d --name "$container" "${run_flags[@]}" "${memory_limit[@]}" --network=host -v "$volume:/data" \
        --env-file "$work/fake.env" -e HEALTH_PORT="$port" -e LOG_FORMAT=text "$1" >/dev/null
    first_poll=""
    for _ in $(seq 300); do
        polls_after "$t0"
        [[ -n $first_poll ]] && break
        sleep 0.1
    done
    pod logs "$container" >"$2" 2>&1
    pod stop -t 10 "$container" >/dev/null
    pod rm -f "$container" >/dev/null
    poll_ms=${first_poll:+$((first_poll - t0))}
}
# The same from outside: podman run to the first getUpdates, against podman running a container that does nothing
# (the probe against a closed port: it exits at once), 5 each.
outside=()
runtime=()
for _ in 1 2 3 4 5; do
    t0=$(now_ms)
    pod run --rm "${run_flags[@]}" --network=host -v "$volume:/data" -e HEALTH_PORT="$stuck_port" \
        --entrypoint /app/healthcheck "$image" \
        >/dev/null 2>&1 || true
    runtime+=($(($(now_ms) - t0)))
    run_until_poll "$image" "$work/outside.log"
    [[ -n $poll_ms ]] || { tail -20 "$work/outside.log"; fail "no getUpdates after podman run"; }
    outside+=("$poll_ms")
done
# The lean image starts as it is (no -XX:AOTCache in its ENTRYPOINT, so no AOT warning) and polls, on the same volume.
run_until_poll "$image_lean" "$work/lean.log"
[[ -n $poll_ms ]] || { tail -20 "$work/lean.log"; fail "no getUpdates after podman run of the lean image"; }
grep -Eq '\[(cds|aot)' "$work/lean.log" && { cat "$work/lean.log"; fail "the JVM of the lean image complains about an AOT cache"; }
ok "the lean image: podman run -> first getUpdates in $poll_ms ms (one run), no AOT cache warnings"
pod volume rm -f "$volume" >/dev/null
outside_ms=$(printf '%s\n' "${outside[@]}" | sort -n | sed -n 3p)
runtime_ms=$(printf '%s\n' "${runtime[@]}" | sort -n | sed -n 3p)
ok "podman run -> first getUpdates: ${outside_ms} ms (median of 5: ${outside[*]}); podman running a container that exits at once: ${runtime_ms} ms (${runtime[*]}); difference $((outside_ms - runtime_ms)) ms"
note "podman run -> first getUpdates: ${outside_ms} ms, minus podman's own start (${runtime_ms} ms): $((outside_ms - runtime_ms)) ms (medians of 5)"
grep '^SPEC-VIOLATIONS' "$work/fake.out" && fail "the fake Telegram saw requests that break the Bot API spec"

# ---------------------------------------------------------------------------------------------------------
step "4. dockerlinter"
# SC2215: it hands RUN --mount=... to shellcheck as if it were shell. -s bash: the os stage's SHELL.
"$linter" -f "$repo/Dockerfile" -i SC2215 -s bash -e info >"$work/lint.out" 2>&1 || { cat "$work/lint.out"; fail "dockerlinter"; }
[[ ! -s $work/lint.out ]] || { cat "$work/lint.out"; fail "dockerlinter has findings"; }
ok "dockerlinter: no findings"

# ---------------------------------------------------------------------------------------------------------
step "summary"
printf '  %s\n' "${summary[@]}"
# The benchmark (docs/performance.md) prints these with its own figures.
printf '%s\n' "${summary[@]}" >"$repo/target/image-figures.txt"
echo "image test: $passed passed, 0 failed"
