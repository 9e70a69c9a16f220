#!/usr/bin/env bash
# The prefect image's entry point contract (e2e stand-in; see docs/images.md): read ~/.bashrc when
# there is one, `pip install` the packages listed in EXTRA_PIP_PACKAGES, then run the command, or
# an interactive login shell when none is given.
set -e
if [ -f "${HOME:-/root}/.bashrc" ]; then
  # shellcheck disable=SC1091
  . "${HOME:-/root}/.bashrc"
fi
if [ -n "${EXTRA_PIP_PACKAGES:-}" ]; then
  echo "+pip install ${EXTRA_PIP_PACKAGES}"
  # Word splitting on purpose: the variable is a list of requirements.
  # shellcheck disable=SC2086
  pip install ${EXTRA_PIP_PACKAGES}
fi
if [ "$#" -eq 0 ]; then
  echo "prefect image: no command given, starting a login shell"
  exec bash --login
fi
exec "$@"
