# shellcheck shell=bash
# shellcheck disable=SC2034  # variables set here are used by the scripts that source it
# Shared helpers of setup/demo and setup/test. Source it, do not run it.
#
# What it provides:
#   SM_ROOT, SM_STATE, SM_ADDONS          repository root, state folder, our addons
#   sm_find_odoo                          sets ODOO_CMD, ODOO_PYTHON, ODOO_VERSION
#   sm_addons_path                        prints "<Odoo's default addons path>,<repo root>"
#   sm_ensure_postgres                    starts the local cluster and creates our role if needed
#   sm_write_config NAME [KEY=VALUE...]   writes $SM_STATE/NAME.conf and prints its path
#   sm_db_exists DB                       true when database DB exists
#   sm_install_args DB                    odoo options installing/upgrading our addons in DB
#   sm_repo_requirements python|addons    requirement lines of requirements.txt: Python
#                                         packages, or Odoo addons packaged for pip
#   sm_pip_install PY REQ...              pip install into Python PY unless already there
#   sm_install_addon_packages PY          the addons of requirements.txt into SM_ADDON_PACKAGES
#   sm_install_requirements PY            all of requirements.txt (the two above)
#   sm_free_port                          a TCP port of 127.0.0.1 that nothing listens on
#   sm_stop_odoo PID                      stops an Odoo server (prefork master) we started
#
# Environment:
#   ODOO_BIN      odoo command or odoo-bin to use (default: `odoo` on PATH)
#   ODOO_PYTHON   Python that runs Odoo (default: read from the odoo script's shebang)
#   SM_STATE_DIR  where configs, logs and filestores go (default: <repo>/.state)

SM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SM_STATE="${SM_STATE_DIR:-$SM_ROOT/.state}"
SM_ADDONS=(sales_management sales_management_forecast sales_management_recruiting)
SM_ADDONS_CSV="$(IFS=,; echo "${SM_ADDONS[*]}")"
SM_USER="${USER:-$(id -un)}"
# Odoo addons that requirements.txt names (pip packages odoo-addon-*) go here, not
# into Odoo's Python: pip would write them into an odoo/addons folder of its
# site-packages, which hides an Odoo installed from source in editable mode
# (pip install -e). sm_addons_path adds the folder to the addons path.
SM_ADDON_PACKAGES="$SM_STATE/addon-packages"

sm_say() { printf '%s\n' "$*" >&2; }
sm_die() { printf '%s\n' "$*" >&2; exit 1; }

# Why the last sm_find_odoo failed, as one sentence.
SM_ODOO_MISSING=""

sm_find_odoo() {
    local get_odoo="install Odoo 18.0 Community (official 18.0 nightly packages or the 18.0 source, see https://www.odoo.com/documentation/18.0/administration/on_premise.html) so that an \`odoo\` command is on PATH, or set ODOO_BIN to its odoo-bin"
    local cmd resolved first interp
    ODOO_CMD="" ODOO_PYTHON="${ODOO_PYTHON:-}" ODOO_VERSION=""
    if [[ -n "${ODOO_BIN:-}" ]]; then
        cmd="$(command -v -- "$ODOO_BIN" 2>/dev/null || true)"
        [[ -z "$cmd" && -f "$ODOO_BIN" ]] && cmd="$(readlink -f -- "$ODOO_BIN")"  # not executable
        if [[ -z "$cmd" || ! -f "$cmd" ]]; then
            SM_ODOO_MISSING="ODOO_BIN is set to '$ODOO_BIN', which is not a file: $get_odoo."
            return 1
        fi
    else
        cmd="$(command -v odoo 2>/dev/null || true)"
        if [[ -z "$cmd" ]]; then
            SM_ODOO_MISSING="Odoo 18 not found (no \`odoo\` command on PATH and ODOO_BIN is not set): $get_odoo."
            return 1
        fi
    fi
    resolved="$(readlink -f -- "$cmd")"

    # An odoo-bin inside a source checkout: make its `odoo` package importable.
    if [[ -f "$(dirname "$resolved")/odoo/release.py" ]]; then
        case ":${PYTHONPATH:-}:" in
            *":$(dirname "$resolved"):"*) ;;
            *) PYTHONPATH="$(dirname "$resolved")${PYTHONPATH:+:$PYTHONPATH}"
               export PYTHONPATH ;;
        esac
    fi

    # The Python of the #! line of the (symlink-resolved) script.
    local shebang_python=""
    IFS= read -r first < "$resolved" || true
    if [[ "$first" == '#!'* ]]; then
        read -r -a interp <<< "${first#\#!}"
        if [[ "$(basename "${interp[0]}")" == env ]]; then
            # "#!/usr/bin/env [-S] python3": the first word that is not an option.
            local word
            for word in "${interp[@]:1}"; do
                [[ "$word" == -* ]] && continue
                shebang_python="$(command -v -- "$word" 2>/dev/null || true)"
                break
            done
        else
            shebang_python="${interp[0]}"
        fi
    fi
    ODOO_PYTHON="${ODOO_PYTHON:-$shebang_python}"
    if [[ -z "$ODOO_PYTHON" || ! -x "$ODOO_PYTHON" ]]; then
        SM_ODOO_MISSING="Could not tell which Python runs $cmd (no usable #! line): set ODOO_PYTHON to it."
        return 1
    fi
    if [[ ! -x "$resolved" \
        || "$(readlink -f -- "$ODOO_PYTHON")" != "$(readlink -f -- "${shebang_python:-/}")" ]]; then
        # A script that is not executable, or whose #! line is not ODOO_PYTHON:
        # run it with ODOO_PYTHON through a small wrapper.
        mkdir -p "$SM_STATE/bin"
        printf '#!/bin/sh\nexec %q %q "$@"\n' "$ODOO_PYTHON" "$resolved" > "$SM_STATE/bin/odoo"
        chmod +x "$SM_STATE/bin/odoo"
        cmd="$SM_STATE/bin/odoo"
    fi

    ODOO_VERSION="$("$ODOO_PYTHON" -c 'import odoo.release as r, odoo.tools.config; print(r.version_info[0])' 2>/dev/null || true)"
    if [[ -z "$ODOO_VERSION" ]]; then
        SM_ODOO_MISSING="$ODOO_PYTHON cannot import the odoo package of $resolved (or its requirements): set ODOO_PYTHON to the Python of your Odoo 18 installation."
        return 1
    fi
    if [[ "$ODOO_VERSION" != 18 ]]; then
        SM_ODOO_MISSING="$cmd is Odoo $ODOO_VERSION but these addons need Odoo 18.0: $get_odoo."
        return 1
    fi
    ODOO_CMD="$cmd"
    export ODOO_CMD ODOO_PYTHON ODOO_VERSION
}

sm_addons_path() {
    local default
    default="$("$ODOO_PYTHON" - <<'EOF'
from odoo.tools import config

config.parse_config([], setup_logging=False)
print(config["addons_path"])
EOF
)" 2>/dev/null || sm_die "Could not read Odoo's default addons path with $ODOO_PYTHON."
    local packaged="$SM_ADDON_PACKAGES/odoo/addons"
    if [[ -d "$packaged" ]]; then
        printf '%s,%s,%s\n' "$default" "$SM_ROOT" "$packaged"
    else
        printf '%s,%s\n' "$default" "$SM_ROOT"
    fi
}

# sm_repo_requirements python|addons: requirement lines of requirements.txt
# (comments, blanks and pip options dropped); "addons" gives the Odoo addons
# packaged for pip (odoo-addon-*), "python" everything else.
sm_repo_requirements() {
    [[ -f "$SM_ROOT/requirements.txt" ]] || return 0
    local lines
    lines="$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$SM_ROOT/requirements.txt" | grep -v -e '^$' -e '^-' || true)"
    [[ -n "$lines" ]] || return 0
    if [[ "$1" == addons ]]; then
        grep -i -E '^odoo[0-9]*-addon-' <<<"$lines" || true
    else
        grep -v -i -E '^odoo[0-9]*-addon-' <<<"$lines" || true
    fi
}

# True when every requirement given is already installed in Python $1.
sm_requirements_satisfied() {
    local py="$1"; shift
    "$py" - "$@" <<'EOF' 2>/dev/null
import sys
from importlib import metadata

try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement

for line in sys.argv[1:]:
    req = Requirement(line)
    if req.marker and not req.marker.evaluate():
        continue
    try:
        version = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        sys.exit(1)
    if req.specifier and not req.specifier.contains(version, prereleases=True):
        sys.exit(1)
EOF
}

# pip install into Python $1, unless everything is already there.
sm_pip_install() {
    local py="$1"; shift
    sm_requirements_satisfied "$py" "$@" && return 0
    sm_say "Installing into $py: $*"
    local out
    if out="$("$py" -m pip install -q --disable-pip-version-check "$@" 2>&1)"; then
        return 0
    fi
    if grep -q externally-managed <<<"$out"; then
        # A distribution's Python (e.g. Debian's Odoo package): its pip refuses by default.
        "$py" -m pip install -q --disable-pip-version-check --break-system-packages "$@" && return 0
    else
        printf '%s\n' "$out" >&2
    fi
    return 1
}

# sm_install_addon_packages PY: the Odoo addons of requirements.txt, with PY's
# pip, into SM_ADDON_PACKAGES, unless they are there already. Without their
# dependencies: Odoo itself is one, the others are in requirements.txt.
sm_install_addon_packages() {
    local py="$1" reqs
    mapfile -t reqs < <(sm_repo_requirements addons)
    [[ ${#reqs[@]} -gt 0 ]] || return 0
    PYTHONPATH="$SM_ADDON_PACKAGES" sm_requirements_satisfied "$py" "${reqs[@]}" && return 0
    sm_say "Installing into ${SM_ADDON_PACKAGES#"$SM_ROOT"/}: ${reqs[*]}"
    mkdir -p "$SM_ADDON_PACKAGES"
    "$py" -m pip install -q --disable-pip-version-check --no-deps --upgrade \
        --target "$SM_ADDON_PACKAGES" "${reqs[@]}"
}

# psql/createuser as the postgres superuser (we are root) or as ourselves.
_sm_as_postgres() {
    if [[ "$(id -u)" == 0 && "$SM_USER" != postgres ]]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

sm_ensure_postgres() {
    command -v pg_isready >/dev/null 2>&1 \
        || sm_die "PostgreSQL client tools not found (pg_isready): install PostgreSQL (on Debian: apt-get install postgresql)."
    if ! pg_isready -q; then
        if ! command -v pg_lsclusters >/dev/null 2>&1; then
            sm_die "PostgreSQL does not answer on its default socket and pg_lsclusters is missing: start your PostgreSQL server."
        fi
        # The local cluster on the port we connect to (PGPORT, default 5432).
        local version name
        read -r version name _ < <(pg_lsclusters --no-header \
            | awk -v port="${PGPORT:-5432}" '$3 == port' | sort -k1,1nr)
        [[ -n "${name:-}" ]] \
            || sm_die "PostgreSQL does not answer and no local cluster uses port ${PGPORT:-5432}: create one (pg_createcluster --start <version> main)."
        sm_say "Starting PostgreSQL cluster $version/$name ..."
        pg_ctlcluster "$version" "$name" start \
            || sm_die "Could not start PostgreSQL cluster $version/$name (see /var/log/postgresql/)."
        local _
        for _ in $(seq 1 30); do
            pg_isready -q && break
            sleep 1
        done
        pg_isready -q || sm_die "PostgreSQL cluster $version/$name started but does not answer after 30 s."
    fi

    # Odoo refuses to connect as `postgres`: it needs a role named after us.
    if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        local exists
        exists="$(_sm_as_postgres psql -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$SM_USER'" 2>/dev/null || true)"
        if [[ "$exists" != 1 ]]; then
            sm_say "Creating PostgreSQL superuser role '$SM_USER' ..."
            _sm_as_postgres createuser -s "$SM_USER" \
                || sm_die "Could not create PostgreSQL role '$SM_USER': run \`sudo -u postgres createuser -s $SM_USER\`."
        fi
        psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 \
            || sm_die "Cannot connect to PostgreSQL as '$SM_USER' (check pg_hba.conf or the role's rights)."
    fi
}

sm_db_exists() {
    [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]
}

# sm_install_args DB: the odoo options that bring our addons up to date in DB:
# -u for those installed, -i for the others. (-i on an installed addon would
# reload its data in init mode, noupdate records and <function> calls included.)
sm_install_args() {
    local installed=() missing=() addon states=""
    if sm_db_exists "$1"; then
        states="$(psql -d "$1" -tAc "SELECT name FROM ir_module_module WHERE state = 'installed'" 2>/dev/null || true)"
    fi
    for addon in "${SM_ADDONS[@]}"; do
        if grep -qx -- "$addon" <<<"$states"; then
            installed+=("$addon")
        else
            missing+=("$addon")
        fi
    done
    local IFS=,
    [[ ${#missing[@]} -gt 0 ]] && printf '%s\n' -i "${missing[*]}"
    [[ ${#installed[@]} -gt 0 ]] && printf '%s\n' -u "${installed[*]}"
    return 0
}

# sm_write_config NAME [KEY=VALUE ...]: extra keys override the defaults below.
sm_write_config() {
    local name="$1"; shift
    local conf="$SM_STATE/$name.conf" addons_path
    addons_path="$(sm_addons_path)" || return 1
    mkdir -p "$SM_STATE/data" "$SM_STATE/logs"
    declare -A opts=(
        [addons_path]="$addons_path"
        [data_dir]="$SM_STATE/data"
        [admin_passwd]="admin"
        [http_interface]="127.0.0.1"
        [http_port]="8069"
        [log_level]="info"
    )
    local order=(addons_path data_dir admin_passwd http_interface http_port log_level)
    local kv key
    for kv in "$@"; do
        key="${kv%%=*}"
        [[ -v "opts[$key]" ]] || order+=("$key")
        opts[$key]="${kv#*=}"
    done
    {
        echo "# Written by setup/common.sh; regenerated on every run."
        echo "# Database host and port are left to Odoo's defaults (local unix socket)."
        echo "[options]"
        for key in "${order[@]}"; do
            echo "$key = ${opts[$key]}"
        done
    } > "$conf"
    printf '%s\n' "$conf"
}

# sm_install_requirements PY: what requirements.txt names, for the Odoo run by PY.
sm_install_requirements() {
    local reqs
    mapfile -t reqs < <(sm_repo_requirements python)
    if [[ ${#reqs[@]} -gt 0 ]]; then
        sm_pip_install "$1" "${reqs[@]}" || return 1
    fi
    sm_install_addon_packages "$1"
}

# sm_free_port: a TCP port of 127.0.0.1 that nothing listens on now (needs
# ODOO_PYTHON, see sm_find_odoo).
sm_free_port() {
    "$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# sm_stop_odoo PID: the Odoo server started as PID (a prefork master), then
# any of its workers still there; by their pid only.
sm_stop_odoo() {
    local pid="$1" children child _
    kill -0 "$pid" 2>/dev/null || return 0
    children="$(pgrep -P "$pid" || true)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
    for child in $children; do
        kill -KILL "$child" 2>/dev/null || true
    done
}
