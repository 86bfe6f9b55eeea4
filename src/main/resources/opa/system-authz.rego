# OPA's own API authorisation (loaded with --authorization=basic). Only a caller presenting the
# gateway's token (--authentication=token) may use the API; the health check is open so that
# launchers and monitors can see OPA is up. The token itself is not here, only its SHA-256.
package system.authz

default allow := false

allow if input.path == ["health"]

allow if crypto.sha256(input.identity) == "TOKEN_SHA256"
