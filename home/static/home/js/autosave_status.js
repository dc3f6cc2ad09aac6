/* Shows why an autosave failed, in the page above the editor's form, until one succeeds
   (Wagtail keeps the reason in the tooltip of its « paused » icon). See home/autosave.py. */
(function () {
  "use strict";
  function statusElement() {
    let element = document.getElementById("autosave-status");
    if (!element) {
      const form = document.querySelector("form[data-controller~='w-autosave']");
      if (!form) return null;
      element = document.createElement("div");
      element.id = "autosave-status";
      element.className = "help-block help-warning";
      element.setAttribute("role", "status");
      element.hidden = true;
      form.prepend(element);
    }
    return element;
  }
  document.addEventListener("w-autosave:error", function (event) {
    const element = statusElement();
    if (!element) return;
    element.textContent = (event.detail && event.detail.text) || "";
    element.hidden = !element.textContent;
  });
  document.addEventListener("w-autosave:success", function () {
    const element = document.getElementById("autosave-status");
    if (element) {
      element.hidden = true;
      element.textContent = "";
    }
  });
})();
