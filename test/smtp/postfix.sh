#!/bin/bash
# postfix.sh start|stop DIR: a Postfix of its own (Debian 'postfix', run as root, no systemd) on
# 127.0.0.1 for the smtp tier, configured in DIR/etc with certificates from DIR/certs (certs.sh).
# One master serves every port; master.cf '-o' overrides make each listener a different case:
#   2625 STARTTLS, valid certificate        2626 no STARTTLS offered
#   2627 STARTTLS, expired certificate      2628 STARTTLS, certificate for another name
#   2629 STARTTLS, self-signed certificate  2630 STARTTLS, TLS 1.2 at most
#   2587 submission: STARTTLS required      2465 submissions: implicit TLS
# Mail is never delivered: the default transport is 'discard' and only loopback may relay.
set -euo pipefail
cmd=$1 D=$2
PORTS="2625 2626 2627 2628 2629 2630 2587 2465"

running() { [ -f "$D/etc/main.cf" ] && postfix -c "$D/etc" status >/dev/null 2>&1; }

case "$cmd" in
start)
  # Postfix listens with SO_REUSEPORT: a second server on a port would share its connections silently.
  for p in $PORTS; do
    if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "postfix.sh: 127.0.0.1:$p is already in use" >&2; exit 1; fi
  done
  # Its unix sockets live under DIR/spool and must fit in sun_path (107 bytes).
  [ ${#D} -le 60 ] || { echo "postfix.sh: $D is too long a path for Postfix's sockets" >&2; exit 1; }
  C=$D/certs
  # The queue directory must exist before 'postfix start'; Postfix makes data_directory itself, owned by
  # user postfix (one made here by root would stop the master from taking its lock).
  mkdir -p "$D/etc" "$D/spool" "$D/log"
  chmod 755 "$D"
  cat > "$D/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $D/spool
data_directory = $D/data
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
daemon_directory = /usr/lib/postfix/sbin
command_directory = /usr/sbin
mail_owner = postfix
setgid_group = postdrop
syslog_name = mailzone-smtp-test
maillog_file_prefixes = $D
maillog_file = $D/log/maillog
myhostname = mx1.tls.example
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
relay_domains =
smtpd_relay_restrictions = permit_mynetworks, reject
default_transport = discard
local_transport = discard
smtpd_banner = \$myhostname ESMTP
biff = no
smtpd_tls_security_level = may
smtpd_tls_chain_files = $C/valid.key, $C/valid.pem
smtpd_tls_loglevel = 1
CONF
  # chroot 'n' everywhere: Debian's chroot needs /etc files copied into the queue directory.
  cat > "$D/etc/master.cf" <<CONF
127.0.0.1:2625 inet n - n - - smtpd
127.0.0.1:2626 inet n - n - - smtpd -o smtpd_tls_security_level=none
127.0.0.1:2627 inet n - n - - smtpd -o smtpd_tls_chain_files=$C/expired.key,$C/expired.pem
127.0.0.1:2628 inet n - n - - smtpd -o smtpd_tls_chain_files=$C/wrongname.key,$C/wrongname.pem
127.0.0.1:2629 inet n - n - - smtpd -o smtpd_tls_chain_files=$C/selfsigned.key,$C/selfsigned.pem
127.0.0.1:2630 inet n - n - - smtpd -o smtpd_tls_protocols=<=TLSv1.2
127.0.0.1:2587 inet n - n - - smtpd -o smtpd_tls_security_level=encrypt
127.0.0.1:2465 inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n -  0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -  - trivial-rewrite
bounce    unix  - - n -  0 bounce
defer     unix  - - n -  0 bounce
trace     unix  - - n -  0 bounce
verify    unix  - - n -  1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -  - proxymap
smtp      unix  - - n -  - smtp
relay     unix  - - n -  - smtp
showq     unix  n - n -  - showq
error     unix  - - n -  - error
retry     unix  - - n -  - error
discard   unix  - - n -  - discard
anvil     unix  - - n -  1 anvil
scache    unix  - - n -  1 scache
postlog   unix-dgram n - n - 1 postlogd
CONF
  # Postfix waits until a config file is over a second old before it trusts it: backdate them.
  touch -d '1 minute ago' "$D/etc/main.cf" "$D/etc/master.cf"
  if ! postfix -c "$D/etc" start >/dev/null 2>&1; then
    echo "postfix.sh: postfix did not start:" >&2; tail -5 "$D/log/maillog" >&2 2>/dev/null || true; exit 1
  fi
  for p in $PORTS; do
    for i in $(seq 1 100); do
      (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && break
      [ "$i" = 100 ] && { echo "postfix.sh: port $p did not open" >&2; exit 1; }
      sleep 0.1
    done
  done
  ;;
stop)
  running || exit 0
  pid=$(tr -d ' \n' < "$D/spool/pid/master.pid")
  postfix -c "$D/etc" stop >/dev/null 2>&1 || true
  # The master calls setsid(): its pid is the process group of every daemon it started. Wait for
  # them all (one still holding a listening socket would keep the port), then end any left.
  for i in $(seq 1 50); do pgrep -g "$pid" >/dev/null || break; sleep 0.1; done
  if pgrep -g "$pid" >/dev/null; then kill -9 -- "-$pid" 2>/dev/null || true; fi
  ;;
*) echo "usage: postfix.sh start|stop DIR" >&2; exit 2 ;;
esac
