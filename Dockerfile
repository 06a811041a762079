# VPN Manager image: builds the jar with the Maven wrapper, links a Java runtime with only the modules the jar
# needs (jdeps), and runs as the non-root user vpn-manager with its data in the /data volume.
#
#   DOCKER_BUILDKIT=0 docker build --build-arg DOCKER_GID=$(getent group docker | cut -d: -f3) -t vpn-manager .
#
# Without an image registry, make the two base images from Debian packages first and pass them:
#   DOCKER_BUILDKIT=0 docker build $(scripts/base-images.sh) --build-arg DOCKER_GID=... -t vpn-manager .
# BUILD_BASE needs a JDK 17+ (javac, jdeps, jlink) and curl or wget; BASE needs glibc, sh, useradd and apt
# with a reachable Debian mirror (the fonts for the charts are installed from it).
ARG BUILD_BASE=eclipse-temurin:17-jdk
ARG BASE=debian:bookworm-slim

FROM ${BUILD_BASE} AS build
WORKDIR /src
# dependencies first: this layer is reused while pom.xml is unchanged
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY scripts/build-info.sh scripts/build-info.sh
RUN ./mvnw -B -q -Dvpn.deb.skip=true -Dvpn.cds.skip=true dependency:go-offline >/dev/null 2>&1 || true
COPY . .
RUN ./mvnw -B -q package -DskipTests -Dvpn.deb.skip=true -Dvpn.cds.skip=true
# jdeps finds what the code references (java.desktop for the charts' Java2D and ImageIO among them); service-loaded
# modules it cannot see are added by hand: jdk.crypto.ec (TLS with EC keys, e.g. api.telegram.org),
# jdk.naming.dns, jdk.zipfs, java.logging; java.desktop is named too, so the charts never depend on jdeps' view
RUN jdeps --ignore-missing-deps --print-module-deps --multi-release 17 target/vpn-manager.jar >/tmp/modules \
 && echo "modules: $(cat /tmp/modules)" \
 && jlink --add-modules "$(cat /tmp/modules),java.desktop,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,java.logging" \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=2 --output /opt/jre \
 && /opt/jre/bin/java -Xshare:dump >/dev/null

FROM ${BASE}
ARG DOCKER_GID=999
# the charts (/usage, /stats, users usage --format png) draw text: fontconfig and fonts, DejaVu for Latin,
# Cyrillic and Persian, WenQuanYi Micro Hei for Chinese; the runtime's font code links FreeType and HarfBuzz
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fontconfig fonts-dejavu-core \
      fonts-wqy-microhei libfreetype6 libharfbuzz0b \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb
# the docker socket's group on the host (DOCKER_GID), so the manager may use the mounted socket
RUN set -e; \
    if ! getent group "${DOCKER_GID}" >/dev/null; then groupadd --gid "${DOCKER_GID}" docker-host; fi; \
    groupadd --system vpn-manager; \
    useradd --system --gid vpn-manager --groups "$(getent group "${DOCKER_GID}" | cut -d: -f1)" \
      --home-dir /data --no-create-home --shell /usr/sbin/nologin vpn-manager; \
    install -d -o vpn-manager -g vpn-manager -m 0700 /data
COPY --from=build /opt/jre /opt/jre
COPY --from=build /src/target/vpn-manager.jar /opt/vpn-manager/vpn-manager.jar
COPY scripts/firewall.sh /opt/vpn-manager/scripts/firewall.sh
COPY config/vpn-manager.example.yaml /opt/vpn-manager/vpn-manager.example.yaml
COPY src/docker/vpn-manager /usr/local/bin/vpn-manager
# AppCDS archive for this runtime and this jar path (start-up time)
RUN d="$(mktemp -d)" && VPN_DATA_DIR="$d" /opt/jre/bin/java -XX:ArchiveClassesAtExit=/opt/vpn-manager/vpn-manager.jsa \
      -Xshare:auto -jar /opt/vpn-manager/vpn-manager.jar users list >/dev/null 2>&1 \
 && rm -rf "$d" && chmod 0644 /opt/vpn-manager/vpn-manager.jsa
ENV VPN_DATA_DIR=/data \
    LANG=C.UTF-8
VOLUME /data
USER vpn-manager
WORKDIR /data
# until serve answers GET /healthz this runs `doctor` (database, data dir, Docker); then it will probe /healthz
HEALTHCHECK --interval=60s --timeout=15s --start-period=30s --retries=3 CMD ["/usr/local/bin/vpn-manager", "healthz"]
ENTRYPOINT ["/usr/local/bin/vpn-manager"]
CMD ["serve"]
