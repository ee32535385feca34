#!/usr/bin/env bash
# Builds the Debian package sesame_<version>-<revision>_<arch>.deb from the native sesame program (deploy/README.md).
#
#   deploy/build-deb.sh [--binary PATH] [--out DIR] [--arch amd64|arm64]
#
# Without --binary it publishes the program first (dotnet publish -p:PublishAot=true, about 1.5 minutes on 2 cores);
# with it, PATH must be that program, of the same version as this tree. The version is the <Version> of
# Directory.Build.props, the one place it is set. The package's path is printed as the last line of standard output.
set -euo pipefail
umask 022

repo=$(cd "$(dirname "$0")/.." && pwd)
deploy="$repo/deploy"
revision=1
maintainer="Sesame developers <dev@sesame.invalid>"

die() {
  echo "build-deb: $*" >&2
  exit 1
}

usage() {
  echo "usage: deploy/build-deb.sh [--binary PATH] [--out DIR] [--arch amd64|arm64]" >&2
  exit 2
}

binary="" out="$repo/artifacts" arch=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) [ $# -ge 2 ] || usage; binary=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --arch) [ $# -ge 2 ] || usage; arch=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "build-deb: unknown argument '$1'" >&2; usage ;;
  esac
done

for tool in dpkg dpkg-deb gzip md5sum readelf; do
  command -v "$tool" >/dev/null 2>&1 || die "needs $tool (apt-get install -y dpkg-dev binutils gzip)"
done

host_arch=$(dpkg --print-architecture)
arch=${arch:-$host_arch}
case "$arch" in
  amd64) rid=linux-x64 elf_machine="Advanced Micro Devices X86-64" strip_tool=x86_64-linux-gnu-strip ;;
  arm64) rid=linux-arm64 elf_machine="AArch64" strip_tool=aarch64-linux-gnu-strip ;;
  *) die "unsupported architecture '$arch': amd64 or arm64" ;;
esac

version=$(sed -n 's|^[[:space:]]*<Version>\([^<]*\)</Version>.*|\1|p' "$repo/Directory.Build.props")
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "no <Version>X.Y.Z</Version> in $repo/Directory.Build.props (found '$version')"
deb_version="$version-$revision"

# deploy/fail2ban/ is the logging work's: whatever filter and jail are there go in.
filter="$deploy/fail2ban/filter.d/sesame.conf"
jail="$deploy/fail2ban/jail.d/sesame.conf"
[ -f "$filter" ] || die "the fail2ban filter $filter is missing: the package ships it as /etc/fail2ban/filter.d/sesame.conf"
[ -f "$jail" ] || die "the fail2ban jail example $jail is missing"

# Reproducible: every timestamp is the last commit's (dpkg-deb clamps the files' times to SOURCE_DATE_EPOCH).
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

work=$(mktemp -d "${TMPDIR:-/tmp}/sesame-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "$binary" ]; then
  command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH: install the .NET 10 SDK or pass --binary PATH"
  echo "build-deb: publishing the native program for $rid" >&2
  dotnet publish "$repo/src/Sesame.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$work/publish" >&2 \
    || die "dotnet publish failed"
  binary="$work/publish/sesame"
fi
[ -f "$binary" ] || die "no program at $binary"
machine=$(readelf -h "$binary" 2>/dev/null | sed -n 's/^[[:space:]]*Machine:[[:space:]]*//p') \
  || die "$binary is not an ELF program"
[ "$machine" = "$elf_machine" ] || die "$binary is a program for '$machine', not $arch"

# The program tells its own version and writes its own completion when it can run here; a cross build asks the
# tree's JIT build for the completion (the same command tree).
if [ "$arch" = "$host_arch" ]; then
  [ -x "$binary" ] || die "$binary is not executable"
  got=$("$binary" --version) || die "$binary --version failed"
  [ "$got" = "$version" ] || die "$binary is version '$got', this tree is '$version' (Directory.Build.props): publish it again"
  "$binary" completion bash >"$work/completion" || die "$binary completion bash failed"
else
  dotnet run --project "$repo/src/Sesame.Cli" -c Release -- completion bash >"$work/completion" \
    || die "could not write the bash completion (dotnet run ... completion bash)"
fi
grep -q '^complete -F _sesame sesame$' "$work/completion" || die "the bash completion the program wrote is incomplete"

root="$work/root"
doc="$root/usr/share/doc/sesame"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib/systemd/system" "$root/etc/sesame" \
  "$root/etc/fail2ban/filter.d" "$root/usr/share/bash-completion/completions" "$root/usr/share/man/man1" \
  "$doc/examples/fail2ban/jail.d"

install -m 0755 "$binary" "$root/usr/bin/sesame"
strip_cmd=strip
[ "$arch" = "$host_arch" ] || strip_cmd=$strip_tool
if command -v "$strip_cmd" >/dev/null 2>&1; then
  "$strip_cmd" --remove-section=.comment --remove-section=.note "$root/usr/bin/sesame"
else
  echo "build-deb: $strip_cmd not found; /usr/bin/sesame is packaged as published (the SDK strips it already)" >&2
fi

install -m 0644 "$deploy/sesame.service" "$root/usr/lib/systemd/system/sesame.service"
install -m 0644 "$deploy/debian/sesame.rsc" "$root/etc/sesame/sesame.rsc"
install -m 0644 "$filter" "$root/etc/fail2ban/filter.d/sesame.conf"
install -m 0644 "$jail" "$doc/examples/fail2ban/jail.d/sesame.conf"
install -m 0644 "$work/completion" "$root/usr/share/bash-completion/completions/sesame"
for example in "$deploy"/examples/*.rsc "$deploy"/examples/*.yaml; do
  install -m 0644 "$example" "$doc/examples/"
done
install -m 0644 "$deploy/debian/copyright" "$doc/copyright"
install -d "$root/usr/share/lintian/overrides"
install -m 0644 "$deploy/debian/lintian-overrides" "$root/usr/share/lintian/overrides/sesame"

sed "s/@VERSION@/$version/g" "$deploy/man/sesame.1" | gzip -9n >"$root/usr/share/man/man1/sesame.1.gz"

commit=$(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
{
  echo "sesame ($deb_version) unstable; urgency=medium"
  echo
  echo "  * Built by deploy/build-deb.sh from the Sesame tree at commit $commit."
  echo "    The changes are in the project's history."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.Debian.gz"

# Dependencies: the libraries the program links (dpkg-shlibdeps, or the highest glibc symbol version it needs when
# that cannot run, as for a cross build), and the ones it opens at run time: libnftables (the nftables back end) and
# OpenSSL (SPA's AES and HMAC through .NET's cryptography).
mkdir -p "$work/shlibs/debian"
printf 'Source: sesame\n\nPackage: sesame\nArchitecture: any\n' >"$work/shlibs/debian/control"
if linked=$(cd "$work/shlibs" && dpkg-shlibdeps -O "-e$root/usr/bin/sesame" 2>/dev/null) \
  && linked=${linked#shlibs:Depends=} && [ -n "$linked" ]; then
  :
else
  needed=$(readelf -d "$root/usr/bin/sesame" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  for lib in $needed; do
    case "$lib" in
      libc.so.6|libm.so.6|ld-linux*) ;;
      *) die "the program links $lib, which only dpkg-shlibdeps can map to a package" ;;
    esac
  done
  glibc=$(readelf -V --wide "$root/usr/bin/sesame" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
  [ -n "$glibc" ] || die "cannot tell which glibc $binary needs"
  linked="libc6 (>= $glibc)"
fi

installed_size=$(du -k -s --apparent-size "$root/usr" "$root/etc" | awk '{ s += $1 } END { print s }')
cat >"$root/DEBIAN/control" <<EOF
Package: sesame
Version: $deb_version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $linked, libnftables1, libssl3 | libssl3t64
Recommends: nftables
Suggests: fail2ban
Section: net
Priority: optional
Description: port knocking with RouterOS semantics, enforced by nftables
 Sesame reads the port-knocking setups MikroTik admins write for RouterOS
 (firewall filter rules that move a source address through timed address
 lists, a blacklist for scanners, Layer7 passphrases) and door profiles in
 YAML, checks them, and enforces them on a Linux host as one nftables table,
 inet sesame, in which the kernel keeps the knock state. It also opens SPA
 doors (fwknop 2.6 single packet authorization) and knocks on doors itself.
 .
 This package holds the native sesame program, a hardened systemd unit (not
 enabled or started on install), an example configuration, bash completion,
 the manual page and a fail2ban filter.
EOF
printf '/etc/sesame/sesame.rsc\n/etc/fail2ban/filter.d/sesame.conf\n' >"$root/DEBIAN/conffiles"
install -m 0755 "$deploy/debian/postinst" "$deploy/debian/prerm" "$deploy/debian/postrm" "$root/DEBIAN/"
(cd "$root" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

mkdir -p "$out"
deb="$(cd "$out" && pwd)/sesame_${deb_version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >&2
echo "$deb"
