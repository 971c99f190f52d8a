"""A stand-in Telegram Bot API server on 127.0.0.1 for running the real bot in tests.

Serves /bot<TOKEN>/<method> over plain HTTP (stdlib ThreadingHTTPServer in a daemon thread),
accepts JSON, form-encoded and multipart bodies as python-telegram-bot sends them, and answers
{"ok": true, "result": …} with realistic objects. Tests inject updates (messages, callback
queries) that getUpdates serves with offset and a short long poll, and read back every call.

Like Telegram it rejects what the real API would: bad HTML in parse_mode=HTML, texts over
4,096 characters, callback_data over 64 bytes, and (if `valid_token` is set) other tokens.
`fail_next` makes it answer one call with an error of the test's choosing, the way Telegram
fails calls for reasons outside the bot (chat not found, bot blocked, server trouble).
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

TEXT_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64
CALLBACK_ANSWER_LIMIT = 200

# Parameters that are plain strings even when they look like JSON ("123", "true").
_STRING_PARAMS = {
    "text",
    "caption",
    "callback_query_id",
    "secret_token",
    "url",
    "parse_mode",
    "description",
    "short_description",
    "name",
}

_PATH_RE = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
# Downloads of files users sent: /file/bot<TOKEN>/<file_path>, as getFile's file_path points.
_FILE_RE = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>.+)$")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str
    at: float = field(default_factory=time.monotonic)
    result: Any = None
    error: str | None = None  # the Bot API's description when the call was refused
    injected: bool = False  # refused because a test asked for it (fail_next)

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def visible_text(self) -> str:
        """The text as a user would see it (HTML tags removed, entities decoded)."""
        if self.params.get("parse_mode", "").upper() == "HTML":
            return html_visible_text(self.text)
        return self.text

    @property
    def chat_id(self) -> int | str | None:
        return self.params.get("chat_id")

    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


class BadRequest(Exception):
    def __init__(self, description: str, code: int = 400) -> None:
        super().__init__(description)
        self.description = description
        self.code = code


# --- Telegram's HTML subset -------------------------------------------------------------------

_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
}
_HTML_TOKEN = re.compile(
    r"<(?P<close>/?)(?P<tag>[A-Za-z][\w-]*)(?P<attrs>[^<>]*)>"
    r"|&(?P<entity>lt|gt|amp|quot|#\d+|#x[0-9A-Fa-f]+);"
    r"|(?P<bad>[<>&])"
    r"|(?P<text>[^<>&]+)",
    re.DOTALL,
)
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def html_visible_text(text: str) -> str:
    """Parse Telegram HTML like the Bot API does; raise BadRequest where it would."""
    out: list[str] = []
    stack: list[str] = []
    for m in _HTML_TOKEN.finditer(text):
        if m.group("tag"):
            tag = m.group("tag").lower()
            if tag not in _ALLOWED_TAGS:
                raise BadRequest(
                    f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"'
                )
            if m.group("close"):
                if not stack or stack[-1] != tag:
                    raise BadRequest(
                        f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"'
                    )
                stack.pop()
            else:
                stack.append(tag)
        elif m.group("entity"):
            ent = m.group("entity")
            if ent.startswith("#x"):
                out.append(chr(int(ent[2:], 16)))
            elif ent.startswith("#"):
                out.append(chr(int(ent[1:])))
            else:
                out.append(_ENTITIES[ent])
        elif m.group("bad"):
            raise BadRequest(
                "Bad Request: can't parse entities: Unexpected character "
                f'"{m.group("bad")}" at byte offset {len(text[: m.start()].encode())}'
            )
        else:
            out.append(m.group("text"))
    if stack:
        raise BadRequest(
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# --- the server -------------------------------------------------------------------------------


class TelegramStub:
    """Start with `with TelegramStub() as stub:`; point the bot at `stub.base_url`."""

    def __init__(self, valid_token: str | None = None, long_poll_cap: float = 0.5) -> None:
        self.valid_token = valid_token
        self.long_poll_cap = long_poll_cap
        self.calls: list[Call] = []
        self.tokens_seen: set[str] = set()
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self._messages: dict[tuple[Any, int], dict[str, Any]] = {}
        self._chats: dict[Any, dict[str, Any]] = {}
        self._cond = threading.Condition()
        self._closing = False
        self._failures: list[tuple[str, str, int]] = []
        self._files: dict[str, bytes] = {}  # file_id -> content of documents users sent
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        bot_id = int(valid_token.split(":")[0]) if valid_token and ":" in valid_token else 987654321
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "소사 도우미",
            "username": "sosa_test_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # lifecycle

    def start(self) -> TelegramStub:
        stub = self

        class Handler(_Handler):
            server_stub = stub

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False  # long polls must not hold up stop()
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, name="telegram-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> TelegramStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() first"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """Value for SOSA_TELEGRAM_API_URL / python-telegram-bot's base_url."""
        return f"http://127.0.0.1:{self.port}/bot"

    # injecting updates

    @staticmethod
    def user(user_id: int, first_name: str = "직원") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "ko"}

    def push_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            update = {"update_id": next(self._update_ids), **payload}
            self._updates.append(update)
            self._cond.notify_all()
        return update

    def _chat_for(self, user_id: int, chat_id: int | None, chat_type: str) -> dict[str, Any]:
        cid = chat_id if chat_id is not None else user_id
        if chat_type == "private":
            chat = {"id": cid, "type": "private", "first_name": "직원"}
        else:
            chat = {"id": cid, "type": chat_type, "title": "테스트 그룹"}
        self._chats[cid] = chat
        return chat

    def _message(
        self, user_id: int, chat_id: int | None, chat_type: str, **content: Any
    ) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "from": self.user(user_id),
            "chat": self._chat_for(user_id, chat_id, chat_type),
            "date": int(time.time()),
            **content,
        }

    def push_message(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        chat_type: str = "private",
    ) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            # Telegram marks the leading command, which CommandHandler relies on.
            command = text.split(maxsplit=1)[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return self.push_update({"message": self._message(user_id, chat_id, chat_type, **content)})

    def push_sticker(self, user_id: int) -> dict[str, Any]:
        sticker = {
            "file_id": "CAACAgIAAxk",
            "file_unique_id": "AgADsticker",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "😀",
        }
        return self.push_update(
            {"message": self._message(user_id, None, "private", sticker=sticker)}
        )

    def push_photo(self, user_id: int, caption: str | None = None) -> dict[str, Any]:
        photo = [
            {"file_id": "AgACAgIAAxk", "file_unique_id": "AQADphoto", "width": 90, "height": 90}
        ]
        extra = {"caption": caption} if caption else {}
        return self.push_update(
            {"message": self._message(user_id, None, "private", photo=photo, **extra)}
        )

    def push_document(
        self,
        user_id: int,
        file_name: str = "보고서.pdf",
        content: bytes | None = None,
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """A file sent to the bot; with `content`, getFile and the download serve those bytes."""
        document: dict[str, Any] = {
            "file_id": "BQACAgIAAxk",
            "file_unique_id": "AgADdoc",
            "file_name": file_name,
            "mime_type": "application/pdf",
        }
        if content is not None:
            file_id = f"BQAC{next(self._message_ids)}"
            with self._cond:
                self._files[file_id] = content
            document.update(file_id=file_id, file_unique_id=f"u{file_id}", file_size=len(content))
        if chat_type != "private":
            return self.push_update(
                {"message": self._message(user_id, -100 - user_id, chat_type, document=document)}
            )
        return self.push_update(
            {"message": self._message(user_id, None, "private", document=document)}
        )

    def push_callback(self, user_id: int, data: str, message: dict[str, Any]) -> dict[str, Any]:
        """A button press on `message` (a Message the bot sent, e.g. from sent_message())."""
        query = {
            "id": str(next(self._callback_ids)),
            "from": self.user(user_id),
            "message": message,
            "chat_instance": "-123456789",
            "data": data,
        }
        return self.push_update({"callback_query": query})

    # injecting failures

    def fail_next(self, method: str, description: str, code: int = 400) -> None:
        """Answer the next call to `method` with {"ok": false, error_code, description}."""
        with self._cond:
            self._failures.append((method, description, code))

    def _take_failure(self, method: str) -> tuple[str, int] | None:
        with self._cond:
            for i, (m, description, code) in enumerate(self._failures):
                if m == method:
                    del self._failures[i]
                    return description, code
        return None

    # reading calls

    def calls_to(self, method: str, since: int = 0) -> list[Call]:
        with self._cond:
            return [c for c in self.calls[since:] if c.method == method]

    def failed_calls(self) -> list[Call]:
        """Calls the stub refused like Telegram would (bad HTML, too long …).

        Failures a test asked for with fail_next are left out: they are no fault of the bot.
        """
        with self._cond:
            return [c for c in self.calls if c.error is not None and not c.injected]

    def mark(self) -> int:
        """Position in the call log; pass as `since` to look only at later calls."""
        with self._cond:
            return len(self.calls)

    @staticmethod
    def sent_message(call: Call) -> dict[str, Any]:
        """The Message object this stub returned for a sendMessage call."""
        assert isinstance(call.result, dict), f"{call.method} failed: {call.error}"
        return call.result

    def _find(
        self, method: str, predicate: Callable[[Call], bool] | None, since: int, count: int
    ) -> list[Call] | None:
        found = [
            c
            for c in self.calls[since:]
            if c.method == method and c.error is None and (predicate is None or predicate(c))
        ]
        return found[:count] if len(found) >= count else None

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        since: int = 0,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[Call]:
        """Block (for threads and subprocess tests) until `count` matching calls arrived."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = self._find(method, predicate, since, count)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(self._timeout_message(method, since))
                self._cond.wait(left)

    async def await_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        since: int = 0,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[Call]:
        """Like wait_for, without blocking the event loop the bot runs on: the waiting is done
        in a worker thread, woken by the condition each arriving call notifies (no polling)."""
        return await asyncio.to_thread(
            self.wait_for, method, predicate, since=since, count=count, timeout=timeout
        )

    def _timeout_message(self, method: str, since: int) -> str:
        seen = [(c.method, c.params.get("text", "")[:80]) for c in self.calls[since:]]
        return f"no matching {method} call; calls since {since}: {seen}"

    # the Bot API

    def handle(self, token: str, method: str, params: dict[str, Any]) -> Any:
        with self._cond:
            self.tokens_seen.add(token)
        call = Call(method, params, token)
        try:
            if self.valid_token is not None and token != self.valid_token:
                raise BadRequest("Unauthorized", code=401)
            failure = self._take_failure(method)
            if failure is not None:
                call.injected = True
                raise BadRequest(*failure)
            if method == "getUpdates":
                call.result = self._get_updates(params)
            else:
                handler = getattr(self, f"_api_{method}", None)
                if handler is None:
                    raise BadRequest("Not Found: method not found", code=404)
                call.result = handler(params)
            return call.result
        except BadRequest as exc:
            call.error = exc.description
            raise
        finally:
            # Recorded once answered, so a waiter sees the result (e.g. the message id).
            with self._cond:
                self.calls.append(call)
                self._cond.notify_all()

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, self.long_poll_cap)
        with self._cond:
            # Like Telegram: asking with an offset confirms every update before it.
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self._updates[:limit])

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            with self._cond:
                self._updates.clear()
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    def _api_getMyCommands(self, params: dict[str, Any]) -> list[Any]:
        return []

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_close(self, params: dict[str, Any]) -> bool:
        return True

    def _api_logOut(self, params: dict[str, Any]) -> bool:
        return True

    def _check_markup(self, params: dict[str, Any]) -> None:
        markup = params.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= CALLBACK_DATA_LIMIT:
                    raise BadRequest("Bad Request: BUTTON_DATA_INVALID")

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text = str(params.get("text", ""))
        mode = str(params.get("parse_mode", "")).upper()
        visible = html_visible_text(text) if mode == "HTML" else text
        if not visible.strip():
            raise BadRequest("Bad Request: message text is empty")
        if utf16_len(visible) > TEXT_LIMIT:
            raise BadRequest("Bad Request: message is too long")
        self._check_markup(params)
        chat_id = params["chat_id"]
        message = {
            "message_id": next(self._message_ids),
            "from": self.bot_user,
            "chat": self._chats.get(chat_id)
            or {"id": chat_id, "type": "private", "first_name": "직원"},
            "date": int(time.time()),
            "text": visible,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        with self._cond:
            self._messages[(chat_id, message["message_id"])] = message
        return message

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "inline_message_id" in params:
            return True
        self._check_markup(params)
        key = (params.get("chat_id"), int(params.get("message_id", 0)))
        message = self._messages.get(key)
        if message is None:
            raise BadRequest("Bad Request: message to edit not found")
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        return message

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        text = str(params.get("text", ""))
        mode = str(params.get("parse_mode", "")).upper()
        visible = html_visible_text(text) if mode == "HTML" else text
        if not visible.strip():
            raise BadRequest("Bad Request: message text is empty")
        if utf16_len(visible) > TEXT_LIMIT:
            raise BadRequest("Bad Request: message is too long")
        self._check_markup(params)
        message = self._messages.get((params.get("chat_id"), int(params.get("message_id", 0))))
        if message is None:
            raise BadRequest("Bad Request: message to edit not found")
        if message.get("text") == visible and not params.get("reply_markup"):
            raise BadRequest("Bad Request: message is not modified")
        message["text"] = visible
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        return message

    def _api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id", ""))
        with self._cond:
            content = self._files.get(file_id)
        if content is None:
            raise BadRequest("Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "file_path": f"documents/{file_id}",
        }

    def file_content(self, token: str, path: str) -> bytes | None:
        if self.valid_token is not None and token != self.valid_token:
            return None
        with self._cond:
            return self._files.get(path.removeprefix("documents/"))

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        if len(str(params.get("text", ""))) > CALLBACK_ANSWER_LIMIT:
            raise BadRequest("Bad Request: MESSAGE_TOO_LONG")
        return True


class _Handler(BaseHTTPRequestHandler):
    server_stub: TelegramStub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # request lines carry the token; tests assert it is printed nowhere

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        url = urlsplit(self.path)
        f = _FILE_RE.match(url.path)
        if f is not None:
            content = self.server_stub.file_content(unquote(f.group("token")), f.group("path"))
            if content is None:
                self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
            return
        m = _PATH_RE.match(url.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if m is None:
            self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        try:
            params = _flatten(parse_qs(url.query))
            params.update(_parse_body(self.headers.get("Content-Type", ""), body))
            result = self.server_stub.handle(m.group("token"), m.group("method"), params)
        except BadRequest as exc:
            self._send(
                exc.code, {"ok": False, "error_code": exc.code, "description": exc.description}
            )
            return
        except Exception as exc:  # a stub bug must show up as a failed call, not a hang
            self._send(500, {"ok": False, "error_code": 500, "description": f"stub error: {exc!r}"})
            return
        self._send(200, {"ok": True, "result": result})

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot gave up on a long poll while stopping


def _convert(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _flatten(qs: dict[str, list[str]]) -> dict[str, Any]:
    return {k: _convert(k, v[-1]) for k, v in qs.items()}


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "application/json":
        data = json.loads(body)
        return dict(data) if isinstance(data, dict) else {}
    if ctype == "multipart/form-data":
        raw = f"Content-Type: {content_type}\r\n\r\n".encode() + body
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
        out: dict[str, Any] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not name:
                continue
            if part.get_filename():
                out[name] = {
                    "filename": part.get_filename(),
                    "size": len(part.get_payload(decode=True) or b""),
                }
            else:
                out[name] = _convert(name, part.get_content())
        return out
    return _flatten(parse_qs(body.decode(), keep_blank_values=True))
