"""deploy/nginx.conf made runnable on this machine: the production front
server with local ports and directories, inside a minimal main configuration.
Used by the benchmark and by tests/pagecache/test_nginx.py, so both run the
configuration users deploy."""

import os
import pwd
from pathlib import Path

DEPLOY_CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"


def write_config(directory, *, app_port, front_port, cache_dir, static_dir, extra=""):
    """Write `directory`/nginx.conf and return its path. `extra` is added to
    the http block (e.g. the benchmark's static reference server)."""
    directory = Path(directory)
    site = DEPLOY_CONFIG.read_text()
    for example, here in [
        ("/var/cache/nginx/newsroom", str(cache_dir)),
        ("127.0.0.1:8001", f"127.0.0.1:{app_port}"),
        ("listen 80;", f"listen 127.0.0.1:{front_port};"),
        ("/srv/newsroom/staticfiles/", f"{static_dir}/"),
        ("/srv/newsroom/media/", f"{directory / 'media'}/"),
    ]:
        if example not in site:
            raise ValueError(f"deploy/nginx.conf no longer has {example!r}")
        site = site.replace(example, here)
    (directory / "site.conf").write_text(site)
    temp = directory / "nginx-temp"
    temp.mkdir(parents=True, exist_ok=True)
    # As deploy/nginx.conf asks, the workers run as the app's user (this one).
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    config = directory / "nginx.conf"
    config.write_text(
        f"""
{user}
worker_processes auto;
daemon off;
pid {directory / "nginx.pid"};
error_log {directory / "nginx-error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    client_body_temp_path {temp};
    proxy_temp_path {temp};
    fastcgi_temp_path {temp};
    uwsgi_temp_path {temp};
    scgi_temp_path {temp};
    include {directory / "site.conf"};
{extra}
}}
"""
    )
    return config
