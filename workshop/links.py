"""The address phones use to reach this server, and its QR code."""

import ipaddress
import socket
from urllib.parse import urlsplit

import qrcode
from qrcode.image.svg import SvgPathFillImage


def lan_address() -> str | None:
    """This machine's address on the local network, as other devices in the room would use it."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a UDP connect only picks a route; nothing is sent
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback else address


def base_url(configured: str | None, request_url: str) -> str:
    """The configured public URL, else the address the facilitator's browser used."""
    return (configured or request_url).rstrip("/")


def is_local_only(url: str) -> bool:
    """True when phones in the room cannot reach this URL (localhost, 127.x, ::1)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def qr_svg(url: str) -> str:
    """An SVG QR code for `url`: error correction M, the 4-module quiet zone, a white background."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                         image_factory=SvgPathFillImage)
    code.add_data(url)
    code.make(fit=True)
    return code.make_image().to_string(encoding="unicode")
