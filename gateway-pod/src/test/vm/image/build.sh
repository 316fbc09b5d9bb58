#!/usr/bin/env bash
# Builds the interop VM: a minimal Debian bookworm with the stock kernel, pppd, pptp-linux and pptpd.
#
#   build.sh OUT_DIR     (as root; OUT_DIR must not exist yet)
#
# OUT_DIR receives vmlinux (the stock kernel, uncompressed, for QEMU's PVH boot), initrd.img (only what
# mounts a virtio ext4 root), rootfs.img (raw ext4 made with mkfs.ext4 -d, so no loop mount) and
# manifest.txt (package versions). The Java side (VmImage) keys its cache on a hash of this directory, so
# any change here builds a new image.
#
# Environment: PPTPGW_VM_MIRROR (default http://deb.debian.org/debian), PPTPGW_VM_DEB_CACHE (a directory
# that keeps downloaded .debs between builds; optional).
set -euo pipefail

out=${1:?usage: build.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mirror=${PPTPGW_VM_MIRROR:-http://deb.debian.org/debian}
suite=bookworm

# What the scenarios run: the PPTP peers, traffic tools, and a static busybox: the initramfs's only program,
# and syslogd in the guest (pptpd and pptp log only to syslog).
packages=(
    linux-image-amd64 kmod
    ppp pptp-linux pptpd
    iproute2 iputils-ping iperf3 netcat-openbsd socat tcpdump busybox-static procps xz-utils
)

[[ $(id -u) == 0 ]] || { echo "build.sh: debootstrap and chroot need root (uid is $(id -u))" >&2; exit 2; }
[[ ! -e $out ]] || { echo "build.sh: $out already exists; refusing to overwrite it" >&2; exit 2; }

work=$(mktemp -d "${out%/}.work.XXXXXX")
root=$work/root

# debootstrap mounts /proc and /sys inside the target: unmount everything below it before deleting,
# or rm would walk into the host's /proc and /sys.
cleanup() {
    local mounts
    mounts=$(awk -v r="$root" 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r)
    for m in $mounts; do umount -l "$m" || true; done
    if awk -v r="$root" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
        echo "build.sh: mounts remain under $root; leaving $work for inspection" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

step() { printf '[build.sh %(%T)T] %s\n' -1 "$*"; }

cache_args=()
if [[ -n ${PPTPGW_VM_DEB_CACHE:-} ]]; then
    mkdir -p "$PPTPGW_VM_DEB_CACHE"
    cache_args=(--cache-dir="$PPTPGW_VM_DEB_CACHE")
fi

step "debootstrap $suite from $mirror: ${packages[*]}"
# INITRD=No: the kernel's postinst skips initramfs-tools' image (udev and all); we build our own below.
INITRD=No debootstrap --variant=minbase "${cache_args[@]}" --include="$(IFS=,; echo "${packages[*]}")" \
    "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 50 "$work/debootstrap.log" >&2
    [[ -f $root/debootstrap/debootstrap.log ]] && tail -n 50 "$root/debootstrap/debootstrap.log" >&2
    exit 1
}

kernel_version=$(basename "$(ls -d "$root"/lib/modules/* | sort -V | tail -n 1)")
step "kernel $kernel_version"

step "configure the guest"
install -m 0755 "$here/pptpgw-init" "$root/usr/local/sbin/pptpgw-init"
echo pptpgw-vm >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 pptpgw-vm\n' >"$root/etc/hosts"
: >"$root/etc/resolv.conf"
# pptp and pptpd start pppd themselves; the scenarios write their own peers and options.
: >"$root/etc/ppp/options"
rm -f "$root/etc/ppp/peers/provider"

step "prune what a virtio guest never loads"
mods=$root/lib/modules/$kernel_version/kernel
rm -rf "$mods"/drivers/{gpu,media,infiniband,staging,iio,usb,bluetooth,hid,input/touchscreen,input/joystick,isdn} \
    "$mods"/drivers/net/{wireless,ethernet,can,usb,wwan} \
    "$mods"/drivers/{scsi,ata,md,mtd,nvme,thunderbolt,platform,hwmon,edac,mmc,fpga,firewire,target} \
    "$mods"/{sound,net/wireless,net/mac80211,net/bluetooth} \
    "$mods"/fs/{btrfs,xfs,ocfs2,gfs2,nfs,nfsd,cifs,smb,ceph,f2fs,jfs,reiserfs,nilfs2,bcachefs}
chroot "$root" depmod "$kernel_version"
rm -rf "$root"/usr/share/{doc,man,info,locale,lintian} "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* \
    "$root"/var/cache/debconf/*-old "$root"/boot/initrd.img-*

step "initramfs: a static busybox and the modules that mount a virtio ext4 root"
# Our own instead of initramfs-tools': no udev, nothing to probe, a second or more less at every boot.
initrd=$root/tmp/initrd
mkdir -p "$initrd"/{bin,dev,proc,sys,root}
cp "$root/bin/busybox" "$initrd/bin/busybox"
mknod -m 600 "$initrd/dev/console" c 5 1
chroot "$root" modprobe -S "$kernel_version" --show-depends -a virtio_pci virtio_blk ext4 crc32c_generic |
    awk '$1 == "insmod" && !seen[$2]++ { print $2 }' >"$initrd/modules"
while read -r module; do
    mkdir -p "$initrd$(dirname "$module")"
    cp "$root$module" "$initrd$module"
done <"$initrd/modules"
install -m 0755 "$here/initramfs-init" "$initrd/init"
mkdir "$work/out"
(cd "$initrd" && find . | chroot "$root" sh -c 'cd /tmp/initrd && cpio --quiet -o -H newc') >"$work/out/initrd.img"
rm -rf "$initrd"

# QEMU boots the kernel's uncompressed ELF through its PVH entry point: this skips decompressing the xz
# bzImage in emulated code, which costs several seconds of every TCG boot (20 s on a busy machine).
bzimage=$root/boot/vmlinuz-$kernel_version
xz_offset=$(LC_ALL=C grep -aboP '\xfd7zXZ\x00' "$bzimage" | head -n 1 | cut -d: -f1)
[[ -n $xz_offset ]] || { echo "build.sh: no xz payload in $bzimage" >&2; exit 1; }
tail -c "+$((xz_offset + 1))" "$bzimage" | chroot "$root" xz -dcq --single-stream >"$work/out/vmlinux" || true
[[ $(head -c 4 "$work/out/vmlinux" | od -An -tx1 | tr -d ' ') == 7f454c46 ]] || {
    echo "build.sh: the kernel payload of $bzimage did not decompress to an ELF image" >&2
    exit 1
}
chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' >"$work/out/manifest.txt"
echo "kernel $kernel_version" >>"$work/out/manifest.txt"

step "root filesystem (mkfs.ext4 -d, no loop mount)"
size_mib=$(($(du -sm "$root" | cut -f1) * 13 / 10 + 64))
mkfs.ext4 -q -L pptpgw-root -E root_owner=0:0 -d "$root" "$work/out/rootfs.img" "${size_mib}M" >/dev/null

mv "$work/out" "$out"
step "done: $out ($(du -sh "$out" | cut -f1) on disk, rootfs ${size_mib} MiB)"
