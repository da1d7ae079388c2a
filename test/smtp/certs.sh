#!/bin/bash
# certs.sh DIR: the certificates the smtp tier's servers present, made fresh by
# OpenSSL for every run, all under one test CA (DIR/ca.pem):
#   valid       mx1.tls.example and mx3.tls.example, signed by the CA
#   expired     mx1.tls.example, valid 2020-01-01 to 2021-01-01 only
#   wrongname   wrong.tls.example, signed by the CA
#   selfsigned  mx1.tls.example, signed by itself
#   https       mta-sts.tls.example and mta-sts.other.tls.example (the policy server)
set -euo pipefail
C=$1
mkdir -p "$C"
cd "$C"
quiet() { "$@" >/dev/null 2>&1 || { echo "certs.sh: failed: $*" >&2; "$@" >&2; exit 1; }; }

quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=Mailzone Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

# request NAME "DNS:a,DNS:b": a key and a signing request, and the extensions a server certificate needs.
request() {
  local cn=${2%%,*}
  quiet openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=${cn#DNS:}"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$2" > "$1.ext"
}
sign() { quiet openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile "$1.ext" -out "$1.pem"; }

request valid DNS:mx1.tls.example,DNS:mx3.tls.example && sign valid
request wrongname DNS:wrong.tls.example && sign wrongname
request https DNS:mta-sts.tls.example,DNS:mta-sts.other.tls.example && sign https
# OpenSSL 3.0's 'x509 -req' cannot date a certificate in the past; 'openssl ca' can.
request expired DNS:mx1.tls.example
mkdir -p ca-db && : > ca-db/index.txt && openssl rand -hex 8 > ca-db/serial
printf '[ca]\ndefault_ca=t\n[t]\ndir=ca-db\ndatabase=$dir/index.txt\nnew_certs_dir=$dir\nserial=$dir/serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n' > ca-db/ca.cnf
quiet openssl ca -batch -config ca-db/ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr -out expired.pem -notext \
  -startdate 20200101000000Z -enddate 20210101000000Z -extfile expired.ext
quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.key -out selfsigned.pem -days 30 \
  -subj "/CN=mx1.tls.example" -addext "subjectAltName=DNS:mx1.tls.example"
chmod 600 ./*.key
# postfix's smtpd runs as user postfix and reads the keys as root before dropping privileges; the
# directory must still be traversable for it.
chmod 755 .
