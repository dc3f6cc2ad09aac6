#!/usr/bin/env bash
# `nginx -t` on deploy/nginx.conf, inside a throw-away main configuration: the certificate paths
# point at a self-signed certificate made for the check; nothing is started, nothing installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=check" \
    -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" >/dev/null 2>&1
sed "s#/etc/ssl/nous-sommes-tous-besancon/#$tmp/#" "$here/nginx.conf" > "$tmp/site.conf"
mime=/etc/nginx/mime.types
if [ ! -e "$mime" ]; then mime="$tmp/mime.types"; echo "types {}" > "$mime"; fi
cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
    include $mime;
    access_log off;
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $tmp/site.conf;
}
CONF
nginx -t -q -p "$tmp" -c "$tmp/nginx.conf"
echo "deploy/nginx.conf: nginx -t accepts it ($(nginx -v 2>&1))"
