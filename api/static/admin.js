/* Staff page: upload, list, retire/restore documents and read the unanswered-questions summary.
 * The admin key lives in sessionStorage only (never in the URL); every value from the server is
 * rendered with textContent, never as HTML. */
(function () {
  "use strict";

  var KEY = "sosa-admin-key";
  var $ = function (id) { return document.getElementById(id); };
  var AUDIENCE = { "public": "공개", "internal": "내부" };
  var STATUS = { "active": "사용 중", "retired": "보관됨", "pending": "색인 대기" };
  var CHANNEL = { "web": "웹 위젯", "telegram": "텔레그램", "api": "API" };

  function key() { return sessionStorage.getItem(KEY) || ""; }

  function say(text, isError) {
    var s = $("status");
    s.textContent = text;
    s.className = isError ? "status error" : "status";
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function errorText(body, status) {
    if (body && body.error && body.error.message) { return body.error.message; }
    return "요청을 처리하지 못했습니다 (" + status + ").";
  }

  function api(method, path, body) {
    var init = { method: method, headers: { "Authorization": "Bearer " + key() } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (data) {
        if (r.status === 401 || r.status === 403) {
          lock();
          throw new Error(errorText(data, r.status));
        }
        if (!r.ok) { throw new Error(errorText(data, r.status)); }
        return data;
      });
    });
  }

  function showApp(on) {
    $("login").hidden = on;
    $("app").hidden = !on;
    $("lock").hidden = !on;
  }

  function lock() {
    sessionStorage.removeItem(KEY);
    showApp(false);
    $("key").value = "";
  }

  // -- jobs --
  function followJob(jobId, line) {
    var seen = "";
    function poll() {
      var q = "?wait=10" + (seen ? "&seen=" + encodeURIComponent(seen) : "");
      return api("GET", "/v1/jobs/" + encodeURIComponent(jobId) + q).then(function (job) {
        seen = job.progress;
        line.className = "job";
        if (job.status === "done") {
          var s = job.summary;
          var extra = s ? " (표 " + s.tables + "개, 청크 " + s.chunks + "개, 수치 " + s.figures + "개)" : "";
          line.textContent = "완료: " + job.document + extra;
          loadDocuments();
          return job;
        }
        if (job.status === "failed") {
          line.textContent = "실패: " + (job.error || "알 수 없는 오류");
          line.className = "job error";
          loadDocuments();
          return job;
        }
        line.textContent = job.document + ": " + job.progress;
        return poll();
      });
    }
    return poll();
  }

  // -- upload --
  function upload(ev) {
    ev.preventDefault();
    var form = $("upload-form");
    var file = $("file").files[0];
    if (!file) { say("올릴 파일을 골라 주세요.", true); return; }
    var data = new FormData();
    data.append("file", file);
    if ($("title").value.trim()) { data.append("title", $("title").value.trim()); }
    if ($("year").value) { data.append("year", $("year").value); }
    data.append("audience", $("audience").value);

    var bar = $("upload-progress");
    var line = $("job-status");
    var button = $("upload-button");
    bar.hidden = false;
    bar.value = 0;
    button.disabled = true;
    line.className = "job";
    line.textContent = "파일을 보내고 있습니다…";

    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/v1/documents");
    xhr.setRequestHeader("Authorization", "Bearer " + key());
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
    };
    xhr.onerror = function () {
      button.disabled = false;
      line.className = "job error";
      line.textContent = "파일을 보내지 못했습니다. 연결을 확인해 주세요.";
    };
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status !== 202) {
        button.disabled = false;
        line.className = "job error";
        line.textContent = errorText(body, xhr.status);
        return;
      }
      bar.value = 100;
      line.textContent = body.document + ": 색인을 기다리고 있습니다…";
      followJob(body.job, line).then(function (job) {
        button.disabled = false;
        if (job.status === "done") { form.reset(); }
      }, function (err) {
        button.disabled = false;
        line.className = "job error";
        line.textContent = err.message;
      });
    };
    xhr.send(data);
  }

  // -- documents --
  function change(doc, action) {
    var line = $("job-status");
    var path = "/v1/documents/" + doc.document.split("/").map(encodeURIComponent).join("/");
    var req = action === "retire" ? api("DELETE", path) : api("POST", path + "/restore");
    line.className = "job";
    line.textContent = doc.title + ": " + (action === "retire" ? "보관하는 중…" : "되살리는 중…");
    return req.then(function (accepted) { return followJob(accepted.job, line); })
      .catch(function (err) { line.className = "job error"; line.textContent = err.message; });
  }

  function row(doc) {
    var tr = el("tr", null, doc.status === "retired" ? "retired" : "");
    tr.appendChild(el("td", doc.title));
    tr.appendChild(el("td", doc.document));
    tr.appendChild(el("td", doc.year === null ? "—" : doc.year));
    tr.appendChild(el("td", AUDIENCE[doc.audience] || doc.audience));
    tr.appendChild(el("td", doc.pages === null ? "—" : doc.pages));
    var st = el("td");
    st.appendChild(el("span", STATUS[doc.status] || doc.status, "badge " + doc.status));
    tr.appendChild(st);
    var act = el("td");
    var retired = doc.status === "retired";
    var b = el("button", retired ? "되살리기" : "보관", "btn small" + (retired ? "" : " secondary"));
    b.type = "button";
    b.setAttribute("aria-label", (retired ? "되살리기: " : "보관: ") + doc.title);
    b.addEventListener("click", function () {
      b.disabled = true;
      change(doc, retired ? "restore" : "retire");
    });
    act.appendChild(b);
    tr.appendChild(act);
    return tr;
  }

  function loadDocuments() {
    return api("GET", "/v1/documents").then(function (data) {
      var body = $("docs").querySelector("tbody");
      body.replaceChildren.apply(body, data.documents.map(row));
    }, function (err) { say(err.message, true); });
  }

  // -- report --
  function list(items, render) {
    var ul = el("ul");
    items.forEach(function (it) { ul.appendChild(el("li", render(it))); });
    return ul;
  }

  function showReport(s) {
    var box = $("report");
    var parts = [];
    parts.push(el("p", "질문 " + s.questions + "건 · 문서에서 찾지 못함 " + s.not_found + "건 · 👎 " + s.unhelpful + "건"));
    parts.push(el("h3", "찾지 못한 질문 (주제별)"));
    parts.push(s.unanswered_topics.length ? list(s.unanswered_topics, function (t) {
      return t.topic + " (" + t.count + "건): " + t.questions.slice(0, 5).join(" / ");
    }) : el("p", "없습니다."));
    parts.push(el("h3", "👎 받은 답변"));
    parts.push(s.unhelpful_answers.length ? list(s.unhelpful_answers.slice(0, 20), function (u) {
      return u.question + " → " + u.answer.slice(0, 120) + (u.comment ? " (의견: " + u.comment + ")" : "");
    }) : el("p", "없습니다."));
    parts.push(el("h3", "많이 물어본 주제"));
    parts.push(list(s.top_topics, function (t) { return t.topic + " " + t.count + "건"; }));
    parts.push(el("h3", "경로별"));
    parts.push(list(s.by_channel, function (c) {
      return (CHANNEL[c.channel] || c.channel) + ": 질문 " + c.questions + ", 찾지 못함 " + c.not_found + ", 👎 " + c.unhelpful;
    }));
    box.replaceChildren.apply(box, parts);
  }

  function loadReport(ev) {
    if (ev) { ev.preventDefault(); }
    return api("GET", "/v1/feedback/summary?since=" + encodeURIComponent($("since").value))
      .then(showReport, function (err) { say(err.message, true); });
  }

  function start() {
    showApp(true);
    say("");
    loadDocuments();
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("key-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var value = $("key").value.trim();
      if (!value) { return; }
      sessionStorage.setItem(KEY, value);
      $("key").value = "";
      // Any admin-only call checks the key; 401/403 forget it again (see api()).
      api("GET", "/v1/feedback/summary?since=1h").then(function () {
        start();
        $("file").focus();
      }, function (err) { say(err.message, true); $("key").focus(); });
    });
    $("lock").addEventListener("click", function () { lock(); say("관리자 키를 지웠습니다."); $("key").focus(); });
    $("upload-form").addEventListener("submit", upload);
    $("report-form").addEventListener("submit", loadReport);
    if (key()) { start(); }
  });
})();
