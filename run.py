"""Start Werkatelier: `python run.py [--host H] [--port P] [--lan] [--public-url URL] [--async-mode M]
[--retention-days N] [--message-queue URL] [--proxies N]`."""

import argparse
import os
import warnings


def parse_args():
    parser = argparse.ArgumentParser(description="Werkatelier: live werkateliers op beamer en telefoon.")
    parser.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="poort (standaard 5000)")
    parser.add_argument("--lan", action="store_true",
                        help="bereikbaar voor telefoons in het lokale netwerk: luister op 0.0.0.0 en gebruik "
                             "het LAN-adres van deze computer in QR-code en deelnamelink")
    parser.add_argument("--public-url", default=os.environ.get("WORKSHOP_PUBLIC_URL"),
                        help="adres dat deelnemers gebruiken, bijv. https://werkatelier.example.nl "
                             "(of WORKSHOP_PUBLIC_URL)")
    parser.add_argument("--async-mode", default=os.environ.get("WORKSHOP_ASYNC_MODE", "eventlet"),
                        choices=("eventlet", "threading"), help="Socket.IO async mode (standaard eventlet)")
    parser.add_argument("--retention-days", type=float, default=os.environ.get("WORKSHOP_RETENTION_DAYS"),
                        help="verwijder sessies die zoveel dagen niet zijn gewijzigd (of WORKSHOP_RETENTION_DAYS; "
                             "standaard uit)")
    parser.add_argument("--message-queue", default=os.environ.get("WORKSHOP_MESSAGE_QUEUE"),
                        help="Redis-adres dat meerdere serverprocessen delen, bijv. redis://127.0.0.1:6379/0 "
                             "(of WORKSHOP_MESSAGE_QUEUE; standaard één proces zonder)")
    parser.add_argument("--proxies", type=int, default=int(os.environ.get("WORKSHOP_PROXIES") or 0),
                        help="aantal reverse proxies ervoor (bijv. nginx: 1) waarvan X-Forwarded-For wordt geloofd "
                             "(of WORKSHOP_PROXIES; standaard 0)")
    return parser.parse_args()


args = parse_args()
if args.async_mode == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()  # before anything else creates sockets or locks

from workshop import create_app, socketio  # noqa: E402
from workshop.links import lan_address  # noqa: E402


def main():
    host, public_url = args.host, args.public_url
    if args.lan:
        host = "0.0.0.0"
        if not public_url:
            address = lan_address()
            public_url = f"http://{address}:{args.port}" if address else None
    app = create_app({"ASYNC_MODE": args.async_mode, "PUBLIC_URL": public_url,
                      "RETENTION_DAYS": float(args.retention_days) if args.retention_days else None,
                      "MESSAGE_QUEUE": args.message_queue or None, "PROXIES": args.proxies})
    shown = public_url or f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{args.port}"
    print(f"Werkatelier draait op {shown}  (data: {app.config['DATA_DIR']})", flush=True)
    options = {"max_size": 10000} if args.async_mode == "eventlet" else {"allow_unsafe_werkzeug": True}
    socketio.run(app, host=host, port=args.port, log_output=False, **options)


if __name__ == "__main__":
    main()
