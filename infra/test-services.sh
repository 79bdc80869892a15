# Sourced by the test commands (infra/test.sh, infra/test-replicas.sh): the test databases, Keycloak's included
# (global-setup uses the same default), and the broker and Keycloak started when none runs, stopped again on exit.
# A caller that defines `before_test_cleanup` has it run first on exit (its own processes).
export DATABASE_SUFFIX="${DATABASE_SUFFIX:-_test}"
started_kafka=no
if [[ -z "${KAFKA_BROKERS:-}" ]] && ! bash infra/kafka/kafka.sh status; then started_kafka=yes; fi
started_keycloak=no
if [[ -z "${KEYCLOAK_URL:-}${OIDC_ISSUER:-}" ]] && ! bash infra/keycloak/keycloak.sh status; then started_keycloak=yes; fi
cleanup() {
  if declare -F before_test_cleanup >/dev/null; then before_test_cleanup || true; fi
  if [[ $started_kafka == yes ]]; then bash infra/kafka/kafka.sh stop; fi
  if [[ $started_keycloak == yes ]]; then bash infra/keycloak/keycloak.sh stop; fi
}
trap cleanup EXIT

bash infra/infra.sh up --test
# shellcheck disable=SC1091
source .data/infra.env
export POSTGRES_URL
# the master-realm client global-setup makes each run's realm with
eval "$(bash infra/keycloak/keycloak.sh env)"
