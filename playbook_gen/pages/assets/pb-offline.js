/* Search in a site opened straight from a folder or file share (file://).
 *
 * Browsers refuse to start Web Workers from file:// pages, and Material runs its search in one.
 * This script, loaded only by sites built with `playbook-gen build --offline`, gives the page a
 * stand-in Worker that runs the worker's script in a hidden frame of the same page. Material's
 * search worker knows this arrangement: it finds `IFrameWorker` in its parent window, and then
 * awaits `importScripts` (here a promise) for its language files. On a web server the real
 * Worker is left alone.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:") {
    return;
  }

  function loadScript(frameDocument, url) {
    return new Promise(function (resolve, reject) {
      const script = frameDocument.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${url}`));
      frameDocument.head.appendChild(script);
    });
  }

  function IFrameWorker(url) {
    const worker = this;
    const scriptUrl = new URL(url, document.baseURI).href;
    const frame = document.createElement("iframe");
    let listeners = [];
    let waiting = [];
    let started = false;

    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "search";
    (document.body || document.documentElement).appendChild(frame);
    const scope = frame.contentWindow;

    function deliverToPage(data) {
      const event = new MessageEvent("message", { data: data });
      if (typeof worker.onmessage === "function") {
        worker.onmessage(event);
      }
      for (const listener of listeners) {
        listener.call(worker, event);
      }
    }

    function deliverToWorker(data) {
      /* A copy made in the frame's own realm, as a real worker would get. */
      scope.dispatchEvent(new scope.MessageEvent("message", { data: scope.structuredClone(data) }));
    }

    scope.postMessage = function (data) {
      const copy = structuredClone(data);
      setTimeout(() => deliverToPage(copy));
    };
    /* One after the other, in order, as importScripts runs them. */
    scope.importScripts = async function (...urls) {
      for (const url of urls) {
        await loadScript(scope.document, new URL(url, scriptUrl).href);
      }
    };

    worker.onmessage = null;
    worker.addEventListener = function (type, listener) {
      if (type === "message") {
        listeners.push(listener);
      }
    };
    worker.removeEventListener = function (type, listener) {
      listeners = listeners.filter((each) => each !== listener);
    };
    worker.postMessage = function (data) {
      if (started) {
        setTimeout(deliverToWorker, 0, data);
      } else {
        waiting.push(data);
      }
    };
    worker.terminate = function () {
      frame.remove();
    };

    loadScript(scope.document, scriptUrl).then(function () {
      started = true;
      for (const data of waiting) {
        setTimeout(deliverToWorker, 0, data);
      }
      waiting = [];
    });
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
