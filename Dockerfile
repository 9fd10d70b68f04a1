# shapewatchd in a container: a Debian 12 build stage and a small runtime
# stage with only the shared libraries the daemon links.
#   docker build -t shapewatch .
#   docker run -p 2003:2003 -p 2003:2003/udp -p 9464:9464 -v shapewatch-state:/var/lib/shapewatch shapewatch
# The image's configuration is deploy/shapewatch/shapewatch.yaml, at
# /etc/shapewatch/shapewatch.yaml: Graphite on 0.0.0.0:2003 (TCP and UDP),
# metrics on 0.0.0.0:9464, learned models in the /var/lib/shapewatch volume.
# Mount your own file over it to change it; `docker kill -s HUP` reloads it.

FROM debian:bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config \
      libboost-dev nlohmann-json3-dev prometheus-cpp-dev libyaml-cpp-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt README.md ./
COPY cmake cmake
COPY core core
COPY config config
COPY daemon daemon
COPY systemd systemd
COPY deploy deploy
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSHAPEWATCH_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_SYSCONFDIR=/etc \
 && cmake --build build --target shapewatchd shapewatch \
 && DESTDIR=/out cmake --install build --strip

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 libyaml-cpp0.7 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --user-group --uid 10001 --home-dir /var/lib/shapewatch \
      --no-create-home --shell /usr/sbin/nologin shapewatch \
 && install -d -o shapewatch -g shapewatch -m 0750 /var/lib/shapewatch
COPY --from=build /out/usr/bin/shapewatchd /out/usr/bin/shapewatch /usr/bin/
COPY --from=build /out/usr/share/doc/shapewatch /usr/share/doc/shapewatch
COPY deploy/shapewatch/shapewatch.yaml /etc/shapewatch/shapewatch.yaml

USER shapewatch:shapewatch
VOLUME ["/var/lib/shapewatch"]
# Graphite plaintext (TCP and UDP), Prometheus /metrics.
EXPOSE 2003/tcp 2003/udp 9464/tcp
# bash's /dev/tcp: healthy when /metrics answers 200; no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9464 && printf 'GET /metrics HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/shapewatchd"]
CMD ["--config", "/etc/shapewatch/shapewatch.yaml"]
