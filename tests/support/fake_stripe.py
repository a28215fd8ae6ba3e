"""A local fake of the parts of Stripe's HTTP API the council uses, for the official SDK.

It answers, with Stripe's response shapes:
  POST /v1/payment_intents        (Idempotency-Key: the same key and parameters give
                                   back the first answer; other parameters → 400)
  GET  /v1/payment_intents/<id>
  POST /v1/payment_intents/<id>/cancel
  GET  /v1/charges/<id>
  POST /v1/refunds                (metadata kept; updates the charge's amount_refunded;
                                   status `refund_status`, "succeeded" unless a test
                                   sets "pending"; same Idempotency-Key rules)
  GET  /v1/refunds?charge=<id>    (a list object, newest first, as Stripe pages it)
  GET  /v1/refunds/<id>
Requests need "Authorization: Bearer sk_...". What the customer does in Stripe's page
(pay, fail, …) is played by the test with `succeed`, `fail` and `cancel`; what the
card network does to a refund with `refund_succeed` and `refund_fail`.

It also builds webhook events and signs them as Stripe does:
Stripe-Signature: t=<timestamp>,v1=<hex HMAC-SHA256 of "<t>.<payload>" with the secret>.
"""
import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


def _nested(form: list[tuple[str, str]]) -> dict:
    """Stripe's form encoding (metadata[order_number]=X) back into a dict."""
    out: dict = {}
    for key, value in form:
        parts = key.replace("]", "").split("[")
        target = out
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return out


class FakeStripe:
    def __init__(self):
        self.intents: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.idempotent: dict[str, tuple[dict, int, dict]] = {}
        self.requests: list[dict] = []
        self._ids = itertools.count(1)
        self.create_delay = 0.0  # seconds a creation takes, to widen races in tests
        self.refund_status = "succeeded"  # what a new refund's status is
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address
        return f"http://{host}:{port}"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def _id(self, prefix: str) -> str:
        return f"{prefix}_fake{next(self._ids):06d}"

    # Stripe's objects -------------------------------------------------------------

    def _intent_create(self, params: dict) -> tuple[int, dict]:
        if "amount" not in params or "currency" not in params:
            return 400, _error("invalid_request_error", "Missing required param: amount.")
        intent_id = self._id("pi")
        intent = {
            "id": intent_id, "object": "payment_intent",
            "amount": int(params["amount"]), "amount_received": 0,
            "currency": params["currency"], "status": "requires_payment_method",
            "client_secret": f"{intent_id}_secret_{next(self._ids):08d}",
            "automatic_payment_methods": {
                "enabled": params.get("automatic_payment_methods", {}).get("enabled") == "true",
                "allow_redirects": "always",
            },
            "metadata": params.get("metadata", {}),
            "description": params.get("description"),
            "last_payment_error": None, "cancellation_reason": None,
            "latest_charge": None, "livemode": False, "created": int(time.time()),
        }
        self.intents[intent_id] = intent
        return 200, intent

    def _intent_cancel(self, intent_id: str, params: dict) -> tuple[int, dict]:
        intent = self.intents.get(intent_id)
        if intent is None:
            return 404, _error("invalid_request_error", "No such payment_intent.",
                               code="resource_missing")
        if intent["status"] in ("succeeded", "canceled"):
            return 400, _error(
                "invalid_request_error",
                f"You cannot cancel this PaymentIntent because it has a status of "
                f"{intent['status']}.", code="payment_intent_unexpected_state")
        intent.update(status="canceled",
                      cancellation_reason=params.get("cancellation_reason"))
        return 200, intent

    def _refund_create(self, params: dict) -> tuple[int, dict]:
        intent = self.intents.get(params.get("payment_intent", ""))
        if intent is None or intent["status"] != "succeeded":
            return 400, _error("invalid_request_error", "This PaymentIntent has no charge.")
        charge = self.charges[intent["latest_charge"]]
        amount = int(params.get("amount", charge["amount"] - charge["amount_refunded"]))
        if amount > charge["amount"] - charge["amount_refunded"]:
            return 400, _error("invalid_request_error", "Refund amount is greater than unrefunded amount.",
                               code="amount_too_large")
        refund = {
            "id": self._id("re"), "object": "refund", "amount": amount,
            "currency": charge["currency"], "charge": charge["id"],
            "payment_intent": intent["id"], "reason": params.get("reason"),
            "metadata": params.get("metadata", {}), "failure_reason": None,
            "status": self.refund_status, "created": int(time.time()),
        }
        self.refunds[refund["id"]] = refund
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        return 200, refund

    def _refund_list(self, query: dict) -> tuple[int, dict]:
        refunds = [refund for refund in self.refunds.values()
                   if not query.get("charge") or refund["charge"] == query["charge"]]
        refunds.sort(key=lambda refund: refund["id"], reverse=True)  # newest first
        return 200, {"object": "list", "url": "/v1/refunds", "has_more": False,
                     "data": refunds}

    # What the card network does to a refund, played by the test ------------------------

    def refund_succeed(self, refund_id: str) -> dict:
        refund = self.refunds[refund_id]
        refund["status"] = "succeeded"
        return refund

    def refund_fail(self, refund_id: str, reason: str = "expired_or_canceled_card") -> dict:
        """The refund failed: Stripe gives the amount back to the charge's refundable."""
        refund = self.refunds[refund_id]
        charge = self.charges[refund["charge"]]
        refund.update(status="failed", failure_reason=reason)
        charge["amount_refunded"] -= refund["amount"]
        charge["refunded"] = False
        return refund

    # What happens in Stripe's page, played by the test ------------------------------

    def succeed(self, intent_id: str, *, amount_received: int | None = None) -> dict:
        intent = self.intents[intent_id]
        received = intent["amount"] if amount_received is None else amount_received
        charge = {
            "id": self._id("ch"), "object": "charge", "amount": received,
            "amount_captured": received, "amount_refunded": 0, "refunded": False,
            "currency": intent["currency"], "payment_intent": intent_id,
            "status": "succeeded", "paid": True,
        }
        self.charges[charge["id"]] = charge
        intent.update(status="succeeded", amount_received=received,
                      latest_charge=charge["id"], last_payment_error=None)
        return intent

    def fail(self, intent_id: str, message: str = "Your card was declined.") -> dict:
        intent = self.intents[intent_id]
        intent.update(status="requires_payment_method", last_payment_error={
            "type": "card_error", "code": "card_declined", "message": message,
        })
        return intent

    def cancel(self, intent_id: str, reason: str = "abandoned") -> dict:
        intent = self.intents[intent_id]
        intent.update(status="canceled", cancellation_reason=reason)
        return intent

    # HTTP --------------------------------------------------------------------------

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict, headers: dict | None = None):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", f"req_fake{next(fake._ids)}")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                auth = self.headers.get("Authorization", "")
                if not auth.startswith("Bearer sk_"):
                    self._answer(401, _error("invalid_request_error", "Invalid API Key provided."))
                    return False
                return True

            def do_GET(self):
                with fake._lock:
                    fake.requests.append({"method": "GET", "path": self.path,
                                          "headers": dict(self.headers)})
                    if not self._authorised():
                        return
                    path, _sep, query = self.path.partition("?")
                    if path == "/v1/refunds":
                        return self._answer(*fake._refund_list(dict(parse_qsl(query))))
                    for prefix, store in (("/v1/payment_intents/", fake.intents),
                                          ("/v1/charges/", fake.charges),
                                          ("/v1/refunds/", fake.refunds)):
                        if path.startswith(prefix):
                            obj = store.get(path[len(prefix):])
                            if obj is None:
                                return self._answer(404, _error(
                                    "invalid_request_error", "No such object.",
                                    code="resource_missing"))
                            return self._answer(200, obj)
                    self._answer(404, _error("invalid_request_error", "Unrecognized request URL."))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                params = _nested(parse_qsl(raw, keep_blank_values=True))
                key = self.headers.get("Idempotency-Key")
                time.sleep(fake.create_delay)
                with fake._lock:
                    fake.requests.append({"method": "POST", "path": self.path,
                                          "headers": dict(self.headers), "params": params})
                    if not self._authorised():
                        return
                    routes = {"/v1/payment_intents": fake._intent_create,
                              "/v1/refunds": fake._refund_create}
                    create = routes.get(self.path)
                    parts = self.path.strip("/").split("/")
                    if (len(parts) == 4 and parts[:2] == ["v1", "payment_intents"]
                            and parts[3] == "cancel"):
                        intent_id = parts[2]

                        def create(params):
                            return fake._intent_cancel(intent_id, params)
                    if create is None:
                        return self._answer(404, _error("invalid_request_error",
                                                        "Unrecognized request URL."))
                    if key and key in fake.idempotent:
                        first_params, status, body = fake.idempotent[key]
                        if first_params != params:
                            return self._answer(400, _error(
                                "idempotency_error",
                                "Keys for idempotent requests can only be used with the "
                                "same parameters they were first used with."))
                        return self._answer(status, body, {"Idempotent-Replayed": "true"})
                    status, body = create(params)
                    if key:
                        fake.idempotent[key] = (params, status, body)
                    self._answer(status, body)

        return Handler

    # Webhooks -----------------------------------------------------------------------

    def event(self, event_type: str, obj: dict) -> dict:
        """An event as Stripe sends it, with a snapshot of the object as it is now."""
        return {
            "id": self._id("evt"), "object": "event", "api_version": "2024-06-20",
            "created": int(time.time()), "livemode": False, "type": event_type,
            "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
            "data": {"object": json.loads(json.dumps(obj))},
        }


def _error(kind: str, message: str, code: str | None = None) -> dict:
    return {"error": {"type": kind, "message": message, "code": code}}


def stripe_signature(payload: bytes, secret: str, *, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send for `payload`."""
    t = int(time.time()) if timestamp is None else timestamp
    signed = f"{t}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"
