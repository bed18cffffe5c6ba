# simtrinity on Debian bookworm: the same set-up as scripts/bootstrap, then
# the whole test suite. (A plain transcription of scripts/bootstrap, with its
# "browser" group, which scripts/test asks for.)
FROM debian:bookworm
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      clang llvm libclang-rt-dev cmake ninja-build \
      libboost-context-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev \
      libgtest-dev libgmock-dev libbenchmark-dev \
      graphviz chromium \
      libxml2-utils python3-jsonschema \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./scripts/test
CMD ["./scripts/run"]
