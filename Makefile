# Reel — two commands: `make run` and `make test`.
SWIFT    ?= swift
DATA_DIR ?= reel-data
HOST     ?= 127.0.0.1
PORT     ?= 8080
REEL     := .build/release/reel

.PHONY: run test bench bench-http bench-accounts deps build clean-data check-build-dir

## Install missing system packages (ffmpeg, SQLite headers, SoftHSM2 and the PKCS#11 headers for the custodian).
deps: check-build-dir
	@scripts/install-deps.sh

## Refuse a `.build` copied from another checkout (it fails later with a module-cache error).
check-build-dir:
	@scripts/check-build-dir.sh

## Build in release mode, seed demo content on first run, and serve.
run: deps
	$(SWIFT) build -c release --product reel
	@if [ ! -f "$(DATA_DIR)/.seeded" ]; then \
	  echo "Seeding demo content into $(DATA_DIR) (first run only)…"; \
	  clip="$$(scripts/demo-clip.sh)"; \
	  $(REEL) seed --data-dir "$(DATA_DIR)" $${clip:+--real-clip "$$clip"} && touch "$(DATA_DIR)/.seeded"; \
	fi
	@echo "Reel: demo accounts demo_us_1, demo_eu_1, demo_global_1 … password reel-demo-password (another port: make run PORT=8081)"
	$(REEL) serve --data-dir "$(DATA_DIR)" --host "$(HOST)" --port "$(PORT)"

## Run every test: Swift unit and HTTP tests (store suites also on a throw-away PostgreSQL cluster,
## media suites also on a throw-away SeaweedFS S3 gateway, both on loopback and stopped afterwards even
## when a test fails), the API contract (schemathesis), then the web client in headless Chromium.
test: deps
	@scripts/install-deps.sh postgresql
	$(SWIFT) build --build-tests
	@trap 'Tests/Postgres/start-postgres.sh stop' EXIT; \
	  url="$$(Tests/Postgres/start-postgres.sh)" && \
	  echo "PostgreSQL for the tests at $$url" && \
	  REEL_TEST_POSTGRES_URL="$$url" Tests/S3/with-seaweedfs.sh $(SWIFT) test --skip-build
	Tests/Contract/run.sh .build/debug/reel
	Tests/Browser/run.sh .build/debug/reel

## Run the benchmarks and print their figures (see BENCHMARKS.md).
bench: deps
	Benchmarks/run.sh

## Only the HTTP serving benchmark, both engines, against its peers (Benchmarks/HTTP/run.sh; e.g. DURATION=5s VIDEOS=2000 USERS=200 EVENTS=6000).
bench-http: deps
	$(SWIFT) build -c release --product reel
	Benchmarks/HTTP/run.sh

## Only sign-up, log-in and GET /v1/me before and after issue 12's encryption, one run (Benchmarks/Accounts/run.sh; e.g. ROUNDS=1 COSTS=4).
bench-accounts: deps
	Benchmarks/Accounts/run.sh

## Delete the local demo data.
clean-data:
	rm -rf "$(DATA_DIR)"
