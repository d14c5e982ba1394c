// The ingest page: posts #ingest-form with fetch to /api/ingest, then polls the job and shows
// its progress in #progress and the stored articles (or the problems) in #result. Without
// JavaScript the form posts itself and the server answers with the job page.
"use strict";

(function () {
  const CL = window.CL;
  const POLL_MS = 400;
  const root = CL.app();
  const form = document.getElementById("ingest-form");
  const progress = document.getElementById("progress");
  const result = document.getElementById("result");
  if (!root || !form || !progress || !result) return;
  const api = root.dataset.api || "/api/ingest";

  function showProgress(job) {
    CL.clear(progress);
    const total = Math.max(job.total || 0, 1);
    const bar = CL.el("progress", { max: String(total), value: String(job.done || 0) });
    progress.append(
      bar,
      CL.el("span", { class: "progress-text" }, " " + job.state + ": " + (job.done || 0) + " of " + (job.total || 0) + " read, " + (job.stored || 0) + " stored, " + (job.duplicates || 0) + " already stored")
    );
    progress.dataset.state = job.state;
  }

  function showResult(job) {
    CL.clear(result);
    const articles = job.articles || [];
    if (articles.length) {
      result.append(
        CL.el("h2", {}, articles.length + " article(s)"),
        CL.el("ul", { class: "articles" }, articles.map((a) => CL.el("li", {}, CL.el("a", { href: CL.path("/articles/", a) }, String(a)))))
      );
    }
    if ((job.problems || []).length) {
      result.append(CL.el("h2", {}, "Problems"), CL.el("ul", { class: "problems" }, job.problems.map((p) => CL.el("li", {}, p))));
    }
    if (!articles.length && !(job.problems || []).length) result.append(CL.el("p", {}, "Nothing was stored."));
    result.dataset.state = job.state;
  }

  function fail(message) {
    CL.clear(result);
    result.append(CL.el("p", { class: "error", role: "alert" }, message));
    result.dataset.state = "failed";
    progress.dataset.state = "failed";
  }

  async function poll(url) {
    for (;;) {
      let job;
      try {
        job = await CL.getJSON(url);
      } catch (error) {
        fail("Could not follow the job: " + error.message);
        return;
      }
      showProgress(job);
      if (job.state === "done" || job.state === "failed") {
        showResult(job);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit], input[type=submit]");
    if (button) button.disabled = true;
    CL.clear(result);
    showProgress({ state: "queued", done: 0, total: 0 });
    const headers = {};
    const token = form.elements.namedItem("token");
    if (token && token.value) headers.Authorization = "Bearer " + token.value;
    try {
      const body = await CL.getJSON(api, { method: "POST", body: new FormData(form), headers });
      await poll(body.status_url || CL.path(api + "/", body.job));
    } catch (error) {
      fail(error.message);
    } finally {
      if (button) button.disabled = false;
    }
  });
})();
