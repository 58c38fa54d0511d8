# The two commands of the README. Everything else lives in scripts/.
.PHONY: start test

start:
	bash scripts/start.sh

test:
	bash scripts/test.sh
