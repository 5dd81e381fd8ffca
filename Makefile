# Reel — two commands: `make run` and `make test`.
SWIFT    ?= swift
DATA_DIR ?= reel-data
HOST     ?= 127.0.0.1
PORT     ?= 8080
REEL     := .build/release/reel

.PHONY: run test bench deps build clean-data

## Install missing system packages (ffmpeg, SQLite headers).
deps:
	@scripts/install-deps.sh

## Build in release mode, seed demo content on first run, and serve.
run: deps
	$(SWIFT) build -c release --product reel
	@if [ ! -f "$(DATA_DIR)/.seeded" ]; then \
	  echo "Seeding demo content into $(DATA_DIR) (first run only)…"; \
	  clip="$$(scripts/demo-clip.sh)"; \
	  $(REEL) seed --data-dir "$(DATA_DIR)" $${clip:+--real-clip "$$clip"} && touch "$(DATA_DIR)/.seeded"; \
	fi
	@echo "Reel: open http://$(HOST):$(PORT)/ (demo accounts: demo_us_1, demo_eu_1, demo_global_1 … password reel-demo-password)"
	$(REEL) serve --data-dir "$(DATA_DIR)" --host "$(HOST)" --port "$(PORT)"

## Run every test: Swift unit and HTTP tests, then the web client in headless Chromium.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/Browser/run.sh .build/debug/reel

## Run the benchmarks and print their figures (see BENCHMARKS.md).
bench: deps
	Benchmarks/run.sh

## Delete the local demo data.
clean-data:
	rm -rf "$(DATA_DIR)"
