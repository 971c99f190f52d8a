/*
 * 전북특별자치도사회서비스원 문서 도우미 — 시민용 채팅 위젯.
 *
 * Embed with one tag:
 *   <script src="https://host/widget.js" data-api="https://host" defer></script>
 * data-api defaults to the origin this script was loaded from.
 *
 * Vanilla JS, no dependencies. Everything lives in a shadow root so the host page's CSS
 * cannot break it (and ours cannot leak out). Text from documents and users is only ever
 * inserted with textContent / text nodes, never as HTML.
 */
(function () {
  "use strict";
  if (window.__sosaChatWidget) return; // loaded twice: keep the first
  window.__sosaChatWidget = true;

  var script =
    document.currentScript || document.querySelector('script[src*="widget.js"]');
  var API = apiBase(script);
  var MAX_CHARS = 1000;
  // Earlier turns sent with each question so follow-ups ("그럼 예산은?") keep their topic;
  // the API takes at most 10, each at most 1,000 characters.
  var MAX_TURNS = 10;
  var TIMEOUT_MS = 20000;
  var SUGGESTIONS = [
    "긴급돌봄은 어디로 전화하나요?",
    "대체인력 파견 목표는 몇 건인가요?",
    "2024년 경영평가 총점은?",
  ];

  function apiBase(s) {
    var given = s && s.getAttribute("data-api");
    try {
      var base = given
        ? new URL(given, location.href)
        : new URL(s && s.src ? s.src : location.href, location.href);
      return given ? base.href.replace(/\/+$/, "") : base.origin;
    } catch (e) {
      return location.origin;
    }
  }

  var CSS = [
    ":host{all:initial}",
    "*,*::before,*::after{box-sizing:border-box}",
    ".root{font-family:'Pretendard','Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic','NanumGothic',system-ui,sans-serif;",
    "font-size:15px;line-height:1.55;color:#1b2430;-webkit-font-smoothing:antialiased}",
    ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}",
    "button{font:inherit;color:inherit;cursor:pointer}",
    "button:focus-visible,h3:focus-visible,.log:focus-visible{outline:3px solid #f5a623;outline-offset:2px}",
    "textarea:focus{outline:2px solid #0a5bb5;outline-offset:0;border-color:#0a5bb5}",
    /* launcher */
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;",
    "min-height:56px;padding:0 20px 0 16px;border:0;border-radius:28px;background:#0a5bb5;color:#fff;",
    "font-weight:700;font-size:15px;box-shadow:0 6px 20px rgba(10,40,80,.28);transition:transform .15s,background .15s}",
    ".launcher:hover{background:#084a93;transform:translateY(-1px)}",
    ".launcher svg{width:26px;height:26px;flex:none}",
    ".launcher[aria-expanded=true]{display:none}",
    /* panel */
    ".panel{position:fixed;right:20px;bottom:20px;z-index:2147483001;width:390px;max-width:calc(100vw - 24px);",
    "height:min(640px,calc(100vh - 40px));display:flex;flex-direction:column;background:#fff;border-radius:16px;",
    "box-shadow:0 12px 40px rgba(10,30,60,.3);overflow:hidden;border:1px solid #d6dee8}",
    ".panel[hidden]{display:none}",
    ".head{display:flex;align-items:flex-start;gap:10px;padding:14px 12px 12px 18px;background:#0a5bb5;color:#fff}",
    ".head h2{margin:0;font-size:17px;font-weight:800;letter-spacing:-.2px}",
    ".head p{margin:2px 0 0;font-size:12.5px;opacity:.9}",
    ".head .titles{flex:1;min-width:0}",
    ".reset{flex:none;align-self:center;min-height:36px;padding:6px 10px;border:1px solid rgba(255,255,255,.7);border-radius:10px;background:transparent;color:#fff;font-size:13px;font-weight:700}",
    ".reset:hover{background:rgba(255,255,255,.15)}",
    ".icon{flex:none;width:40px;height:40px;border:0;border-radius:10px;background:transparent;color:#fff;font-size:24px;line-height:1}",
    ".icon:hover{background:rgba(255,255,255,.16)}",
    ".body{position:relative;flex:1;min-height:0;display:flex;flex-direction:column}",
    ".log{flex:1;overflow-y:auto;padding:16px 14px 8px;background:#f4f7fb;position:relative}",
    ".msg{display:flex;margin:0 0 12px}",
    ".msg.user{justify-content:flex-end}",
    ".bubble{max-width:88%;padding:10px 13px;border-radius:14px;background:#fff;border:1px solid #e0e6ee;",
    "white-space:pre-wrap;word-break:keep-all;overflow-wrap:anywhere}",
    ".user .bubble{background:#0a5bb5;color:#fff;border-color:#0a5bb5;border-bottom-right-radius:4px}",
    ".bot .bubble{border-bottom-left-radius:4px;width:88%}",
    ".bubble p{margin:0}",
    ".answer strong{color:#0a4a94;font-weight:800;background:#e6f0fc;border-radius:4px;padding:0 3px}",
    ".notfound .bubble{background:#fffaf0;border-color:#f1e0bd}",
    ".error .bubble{background:#fff3f3;border-color:#f3c7c7;color:#8a1f1f}",
    ".facts{list-style:none;margin:10px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px}",
    ".facts li{background:#eef4fb;border:1px solid #d3e2f4;border-radius:10px;padding:4px 9px;font-size:13px;white-space:normal}",
    ".facts b{color:#0a4a94;font-size:15px;margin-right:4px}",
    ".cites{margin-top:10px;padding-top:9px;border-top:1px dashed #d6dee8;white-space:normal}",
    ".cites h4{margin:0 0 4px;font-size:12.5px;color:#5a6778;font-weight:700}",
    ".cites ul{list-style:none;margin:0;padding:0}",
    ".cites li{margin:4px 0}",
    ".cite{display:block;width:100%;text-align:left;padding:7px 9px;border:1px solid #cfdcec;border-radius:9px;",
    "background:#f7faff;color:#0a4a94;font-size:13.5px;line-height:1.4}",
    ".cite:hover{background:#e8f1fc;border-color:#9dbde3}",
    ".cite .t{font-weight:700;text-decoration:underline;text-underline-offset:2px}",
    ".cite .s{display:block;color:#5a6778;font-size:12px;margin-top:2px}",
    ".cite-plain{font-size:13px;color:#3d4a5c}",
    ".fb{display:flex;align-items:center;gap:6px;margin-top:10px;font-size:12.5px;color:#5a6778;white-space:normal}",
    ".fb button{display:inline-flex;align-items:center;justify-content:center;min-width:44px;min-height:38px;",
    "border:1px solid #d6dee8;border-radius:19px;background:#fff;color:#4b5b70}",
    ".fb svg{width:19px;height:19px}",
    ".fb button:hover{background:#f0f4f9}",
    ".fb button[aria-pressed=true]{background:#e6f0fc;border-color:#0a5bb5;color:#0a5bb5}",
    ".fb button[aria-disabled=true]{cursor:default;opacity:.6}",
    ".fb button[aria-pressed=true][aria-disabled=true]{opacity:1}",
    ".suggest{margin:4px 0 12px}",
    ".suggest p{margin:0 0 6px;font-size:13px;color:#5a6778;font-weight:700}",
    ".suggest button{display:block;width:100%;text-align:left;margin:0 0 6px;padding:9px 12px;border:1px solid #cfdcec;",
    "border-radius:12px;background:#fff;color:#0a4a94;font-size:14px}",
    ".suggest button:hover{background:#e8f1fc}",
    ".typing .bubble{color:#5a6778}",
    ".dots::after{content:'';display:inline-block;width:1.2em;text-align:left;animation:dots 1.2s steps(4,end) infinite}",
    "@keyframes dots{0%{content:''}25%{content:'.'}50%{content:'..'}75%{content:'...'}}",
    /* passage view: covers the log inside the panel */
    ".passage{position:absolute;inset:0;z-index:2;display:flex;flex-direction:column;background:#fff}",
    ".passage[hidden]{display:none}",
    ".passage .bar{padding:10px 12px;border-bottom:1px solid #e0e6ee}",
    ".back{border:1px solid #cfdcec;border-radius:10px;background:#f7faff;color:#0a4a94;padding:7px 12px;font-size:14px;font-weight:700}",
    ".passage .content{flex:1;overflow-y:auto;padding:14px 18px 18px}",
    ".passage h3{margin:0 0 4px;font-size:16px;line-height:1.4}",
    ".passage .meta{margin:0 0 12px;font-size:13px;color:#5a6778}",
    ".passage .text{white-space:pre-wrap;word-break:keep-all;overflow-wrap:anywhere;font-size:14.5px;",
    "background:#f7f9fc;border:1px solid #e0e6ee;border-radius:10px;padding:12px}",
    ".passage mark{background:#fff0b3;color:inherit;border-radius:3px;padding:0 2px}",
    /* composer */
    ".composer{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid #e0e6ee;background:#fff}",
    ".composer textarea{flex:1;min-width:0;resize:none;min-height:44px;max-height:120px;padding:10px 12px;",
    "border:1px solid #b9c6d6;border-radius:12px;font:inherit;font-size:15px;line-height:1.4;color:#1b2430;background:#fff}",
    ".send{flex:none;min-width:64px;height:44px;border:0;border-radius:12px;background:#0a5bb5;color:#fff;font-weight:700;font-size:15px}",
    ".send[aria-disabled=true]{background:#7f9cc0;cursor:progress}",
    ".foot{margin:0;padding:0 14px 10px;font-size:11.5px;color:#6b7787;background:#fff}",
    "@media (max-width:480px){",
    ".panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100vh;height:100dvh;border-radius:0;border:0}",
    ".launcher{right:14px;bottom:14px}",
    ".launcher .label{display:none}",
    ".launcher{padding:0;width:60px;height:60px;justify-content:center;border-radius:50%}",
    "}",
    "@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}",
  ].join("");

  /* ---- tiny DOM helpers: attributes and text only, never HTML strings ---- */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = v;
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? "" : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  var CHAT_ICON =
    "M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.4 6.1L4.6 21l4.2-2.3c1 .2 2.1.3 3.2.3 5.5 0 10-3.6 10-8s-4.5-8-10-8zm-4 9.2a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4zm4 0a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4zm4 0a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4z";
  // Drawn, not emoji: emoji fonts are missing on some systems and show as empty boxes.
  var THUMB_ICON =
    "M2 10h4v11H2zM8 21h9.2a2 2 0 001.95-1.56l1.8-7.2A2 2 0 0019 9.8h-5.3l.8-4.1a1.6 1.6 0 00-2.9-1.2L8 10z";

  function svgIcon(d, flip) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", d);
    if (flip) path.setAttribute("transform", "rotate(180 12 12)");
    svg.appendChild(path);
    return svg;
  }

  /* Emphasise figures (the values the answer is about) with <strong> text nodes. */
  var FIGURE_RE =
    /\d{2,4}-\d{3,4}(?:-\d{4})?|\d[\d,]*(?:\.\d+)?\s?(?:천원|백만원|억원|만원|원|건|회|명|개소|곳|점|%|시간)/g;

  function emphasised(text, facts) {
    var frag = document.createDocumentFragment();
    var marks = [];
    (facts || []).forEach(function (f) {
      var v = f && f.value ? String(f.value) : "";
      var at = v ? text.indexOf(v) : -1;
      if (at >= 0) marks.push([at, at + v.length]);
    });
    var m;
    FIGURE_RE.lastIndex = 0;
    while ((m = FIGURE_RE.exec(text))) marks.push([m.index, m.index + m[0].length]);
    marks.sort(function (a, b) {
      return a[0] - b[0] || b[1] - a[1];
    });
    var pos = 0;
    marks.forEach(function (r) {
      if (r[0] < pos) return; // overlaps an earlier mark
      frag.appendChild(document.createTextNode(text.slice(pos, r[0])));
      frag.appendChild(el("strong", { text: text.slice(r[0], r[1]) }));
      pos = r[1];
    });
    frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  function pageLabel(page) {
    return page ? page + "쪽" : "";
  }

  /* ---- network ---- */
  function request(path, options) {
    var ctrl = "AbortController" in window ? new AbortController() : null;
    var timer = ctrl
      ? setTimeout(function () {
          ctrl.abort();
        }, TIMEOUT_MS)
      : null;
    var opts = Object.assign({ credentials: "omit", signal: ctrl && ctrl.signal }, options || {});
    return fetch(API + path, opts)
      .then(function (res) {
        return res
          .json()
          .catch(function () {
            return null;
          })
          .then(function (data) {
            if (res.ok && data) return data;
            var msg = data && data.error && data.error.message;
            if (res.status === 429) {
              var wait = parseInt(res.headers.get("Retry-After") || "", 10);
              msg = "질문이 잠시 많았어요." + (wait > 0 ? " " + wait + "초 뒤에" : " 잠시 뒤") +
                " 다시 시도해 주세요.";
            }
            throw new Error(msg || "답변을 가져오지 못했습니다. 잠시 후 다시 시도해 주세요.");
          });
      })
      .catch(function (err) {
        if (err && err.name === "AbortError")
          throw new Error("응답이 늦어지고 있어요. 잠시 후 다시 시도해 주세요.");
        if (err instanceof TypeError)
          throw new Error("서버에 연결하지 못했습니다. 인터넷 연결을 확인해 주세요.");
        throw err;
      })
      .finally(function () {
        if (timer) clearTimeout(timer);
      });
  }

  function postJSON(path, body) {
    return request(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /* ---- build the widget ---- */
  function mount() {
    var host = el("div", { id: "sosa-chat-widget" });
    document.body.appendChild(host);
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    if (root !== host && "adoptedStyleSheets" in root && window.CSSStyleSheet && "replaceSync" in CSSStyleSheet.prototype) {
      // A constructed sheet also works under a strict style-src CSP on the host page.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el("style", { text: CSS }));
    }

    var busy = false;
    var lastFocus = null;
    var turns = []; // this conversation: {question, answer}, oldest first

    var launcher = el(
      "button",
      {
        type: "button",
        class: "launcher",
        "aria-label": "문서 도우미 열기",
        "aria-haspopup": "dialog",
        "aria-expanded": "false",
        "aria-controls": "sosa-panel",
      },
      [svgIcon(CHAT_ICON), el("span", { class: "label", text: "무엇이든 물어보세요", "aria-hidden": "true" })]
    );

    var status = el("p", { class: "sr-only", role: "status", "aria-live": "polite" });
    var log = el("div", {
      class: "log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": "대화 내용",
      tabindex: "0",
    });

    var input = el("textarea", {
      id: "sosa-input",
      rows: "1",
      maxlength: String(MAX_CHARS),
      placeholder: "질문을 입력하세요",
      autocomplete: "off",
      "aria-describedby": "sosa-hint",
    });
    var send = el("button", { type: "submit", class: "send", text: "보내기" });
    var form = el("form", { class: "composer", novalidate: true }, [
      el("label", { for: "sosa-input", class: "sr-only", text: "질문 입력" }),
      input,
      send,
    ]);

    var passageTitle = el("h3", { id: "sosa-passage-title", tabindex: "-1" });
    var passageMeta = el("p", { class: "meta" });
    var passageText = el("div", { class: "text" });
    var backButton = el("button", { type: "button", class: "back", text: "← 답변으로 돌아가기" });
    var passage = el(
      "section",
      { class: "passage", hidden: true, "aria-labelledby": "sosa-passage-title" },
      [
        el("div", { class: "bar" }, [backButton]),
        el("div", { class: "content" }, [passageTitle, passageMeta, passageText]),
      ]
    );

    var resetButton = el("button", {
      type: "button",
      class: "reset",
      "aria-label": "새 대화 시작 (앞의 대화를 잊습니다)",
      text: "새 대화",
    });
    var closeButton = el("button", {
      type: "button",
      class: "icon",
      "aria-label": "도우미 닫기",
      text: "×",
    });
    var panel = el(
      "section",
      {
        id: "sosa-panel",
        class: "panel",
        role: "dialog",
        "aria-modal": "false",
        "aria-labelledby": "sosa-title",
        "aria-describedby": "sosa-desc",
        hidden: true,
      },
      [
        el("header", { class: "head" }, [
          el("div", { class: "titles" }, [
            el("h2", { id: "sosa-title", text: "사회서비스원 문서 도우미" }),
            el("p", { id: "sosa-desc", text: "공개 문서를 근거로 답하고 출처를 함께 보여 드려요." }),
          ]),
          resetButton,
          closeButton,
        ]),
        el("div", { class: "body" }, [log, passage]),
        form,
        el("p", {
          id: "sosa-hint",
          class: "foot",
          text: "Enter로 보내고 Shift+Enter로 줄을 바꿉니다. 정확한 내용은 담당 부서에 확인해 주세요.",
        }),
        status,
      ]
    );

    root.appendChild(el("div", { class: "root" }, [launcher, panel]));

    /* welcome and suggested questions */
    var suggest = el("div", { class: "suggest" }, [el("p", { text: "이런 질문을 해 보세요" })]);
    SUGGESTIONS.forEach(function (q) {
      suggest.appendChild(
        el("button", {
          type: "button",
          text: q,
          onclick: function () {
            ask(q);
          },
        })
      );
    });
    log.appendChild(
      el("div", { class: "msg bot" }, [
        el("div", { class: "bubble" }, [
          el("p", {
            text:
              "안녕하세요! 전북특별자치도사회서비스원 문서 도우미입니다. 사업 목표, 예산, 경영평가 결과 등을 물어보시면 근거 문서와 쪽수를 함께 알려 드려요.",
          }),
        ]),
      ])
    );
    log.appendChild(suggest);

    function open() {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      input.focus();
    }

    function close() {
      closePassage(false);
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
    }

    function scrollTo(node) {
      log.scrollTop = Math.max(0, node.offsetTop - 8);
    }

    function addUser(text) {
      var node = el("div", { class: "msg user" }, [
        el("p", { class: "bubble" }, [el("span", { class: "sr-only", text: "내 질문: " }), text]),
      ]);
      log.appendChild(node);
      scrollTo(node);
      return node;
    }

    function citationList(citations) {
      var seen = {};
      var list = el("ul");
      citations.forEach(function (c) {
        var key = c.chunk_id || c.document + "|" + c.page;
        if (seen[key]) return;
        seen[key] = true;
        var label = c.title + (c.page ? " · " + pageLabel(c.page) : "");
        var item;
        if (c.chunk_id) {
          item = el(
            "button",
            {
              type: "button",
              class: "cite",
              "aria-label": "출처 원문 보기: " + label + (c.section ? ", " + c.section : ""),
            },
            [
              el("span", { class: "t", text: label }),
              c.section ? el("span", { class: "s", text: c.section }) : null,
            ]
          );
          item.addEventListener("click", function () {
            openPassage(c, item);
          });
        } else {
          item = el("p", { class: "cite-plain", text: label + (c.section ? " — " + c.section : "") });
        }
        list.appendChild(el("li", null, [item]));
      });
      return el("div", { class: "cites" }, [el("h4", { text: "출처" }), list]);
    }

    function feedbackBar(answerId) {
      var thanks = el("span", { text: "이 답변이 도움이 되었나요?" });
      var group = el("div", { class: "fb", role: "group", "aria-label": "답변 평가" }, [thanks]);
      var done = false;
      function vote(helpful, button) {
        // aria-disabled rather than disabled: a disabled button would drop keyboard focus.
        if (done) return;
        done = true;
        up.setAttribute("aria-disabled", "true");
        down.setAttribute("aria-disabled", "true");
        button.setAttribute("aria-pressed", "true");
        postJSON("/v1/feedback", { answer_id: answerId, helpful: helpful })
          .then(function () {
            thanks.textContent = "의견 감사합니다!";
            status.textContent = "의견을 보냈습니다. 감사합니다.";
          })
          .catch(function (err) {
            thanks.textContent = err.message;
            done = false;
            up.removeAttribute("aria-disabled");
            down.removeAttribute("aria-disabled");
            button.setAttribute("aria-pressed", "false");
          });
      }
      var up = el("button", { type: "button", "aria-label": "도움이 됐어요", "aria-pressed": "false" }, [
        svgIcon(THUMB_ICON),
      ]);
      var down = el("button", { type: "button", "aria-label": "도움이 안 됐어요", "aria-pressed": "false" }, [
        svgIcon(THUMB_ICON, true),
      ]);
      up.addEventListener("click", function () {
        vote(true, up);
      });
      down.addEventListener("click", function () {
        vote(false, down);
      });
      group.appendChild(up);
      group.appendChild(down);
      return group;
    }

    function addAnswer(data, questionNode) {
      var bubble = el("div", { class: "bubble" }, [
        el("span", { class: "sr-only", text: "답변: " }),
        el("p", { class: "answer" }, [emphasised(String(data.answer || ""), data.facts)]),
      ]);
      var facts = (data.facts || []).filter(function (f) {
        return f && f.value && f.label;
      });
      if (facts.length) {
        var ul = el("ul", { class: "facts", "aria-label": "답변에 쓰인 수치" });
        facts.slice(0, 6).forEach(function (f) {
          ul.appendChild(el("li", null, [el("b", { text: f.value }), f.label]));
        });
        bubble.appendChild(ul);
      }
      if (data.citations && data.citations.length) bubble.appendChild(citationList(data.citations));
      if (data.id) bubble.appendChild(feedbackBar(data.id));
      var node = el("div", { class: "msg bot" + (data.found ? "" : " notfound") }, [bubble]);
      log.appendChild(node);
      scrollTo(questionNode || node); // the question and the top of its answer together
    }

    function addError(message) {
      var node = el("div", { class: "msg bot error" }, [
        el("p", { class: "bubble", role: "alert", text: message }),
      ]);
      log.appendChild(node);
      scrollTo(node);
    }

    function ask(question) {
      var q = String(question || "").trim();
      if (busy) return;
      if (!q) {
        status.textContent = "질문을 입력해 주세요.";
        input.focus();
        return;
      }
      if (panel.hidden) open();
      closePassage(false);
      busy = true;
      send.setAttribute("aria-disabled", "true");
      input.value = "";
      autosize();
      var questionNode = addUser(q);
      var typing = el("div", { class: "msg bot typing", "aria-hidden": "true" }, [
        el("p", { class: "bubble" }, [el("span", { class: "dots", text: "답변을 찾고 있어요" })]),
      ]);
      log.appendChild(typing);
      log.setAttribute("aria-busy", "true");
      status.textContent = "답변을 찾고 있습니다.";
      var body = { question: q };
      if (turns.length) body.history = turns.slice(-MAX_TURNS);
      var conversation = turns; // a reply that arrives after "새 대화" must not join the new one
      postJSON("/v1/ask", body)
        .then(function (data) {
          addAnswer(data, questionNode);
          conversation.push({ question: q, answer: String(data.answer || "").slice(0, MAX_CHARS) });
          if (conversation.length > MAX_TURNS) conversation.shift();
        })
        .catch(function (err) {
          addError((err && err.message) || "답변을 보여 드리지 못했습니다. 다시 시도해 주세요.");
        })
        .then(function () {
          typing.remove();
          log.removeAttribute("aria-busy");
          status.textContent = "";
          busy = false;
          send.removeAttribute("aria-disabled");
        });
    }

    function markQuote(text, quote) {
      var frag = document.createDocumentFragment();
      var at = quote ? text.indexOf(quote) : -1;
      if (at < 0) {
        frag.appendChild(document.createTextNode(text));
        return frag;
      }
      frag.appendChild(document.createTextNode(text.slice(0, at)));
      frag.appendChild(el("mark", { text: quote }));
      frag.appendChild(document.createTextNode(text.slice(at + quote.length)));
      return frag;
    }

    function openPassage(citation, opener) {
      lastFocus = opener;
      passageTitle.textContent = citation.title;
      passageMeta.textContent = [citation.section, pageLabel(citation.page)].filter(Boolean).join(" · ");
      passageText.textContent = "원문을 불러오고 있어요…";
      passage.hidden = false;
      passageTitle.focus();
      request("/v1/passages/" + encodeURIComponent(citation.chunk_id))
        .then(function (chunk) {
          passageTitle.textContent = chunk.title;
          passageMeta.textContent = [chunk.section, pageLabel(chunk.page)].filter(Boolean).join(" · ");
          passageText.textContent = "";
          passageText.appendChild(markQuote(String(chunk.text || ""), citation.quote));
        })
        .catch(function (err) {
          passageText.textContent = err.message;
        });
    }

    function closePassage(restoreFocus) {
      if (passage.hidden) return;
      passage.hidden = true;
      if (restoreFocus !== false && lastFocus) lastFocus.focus();
    }

    function autosize() {
      input.style.height = "auto";
      input.style.height = Math.min(input.scrollHeight, 120) + "px";
    }

    function resetConversation() {
      turns = [];
      closePassage(false);
      var keep = log.firstChild; // the welcome message
      while (log.lastChild && log.lastChild !== keep) log.removeChild(log.lastChild);
      log.appendChild(suggest);
      status.textContent = "새 대화를 시작합니다. 앞의 대화는 잊었습니다.";
      input.focus();
    }

    launcher.addEventListener("click", open);
    resetButton.addEventListener("click", resetConversation);
    closeButton.addEventListener("click", close);
    backButton.addEventListener("click", function () {
      closePassage(true);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      ask(input.value);
    });
    input.addEventListener("input", autosize);
    input.addEventListener("keydown", function (e) {
      // Enter sends, but not while a Korean IME is still composing the syllable.
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        ask(input.value);
      }
    });
    panel.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      e.preventDefault();
      if (!passage.hidden) closePassage(true);
      else close();
    });
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
