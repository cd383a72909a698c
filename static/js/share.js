// Progressive enhancement for the share section: the plain links work
// without this file; the buttons only appear where the browser can do them.
(function () {
  "use strict";
  document.querySelectorAll(".share").forEach(function (section) {
    var status = section.querySelector(".share-status");
    var say = function (message) {
      if (status) status.textContent = message;
    };

    var copy = section.querySelector(".share-copy");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.dataset.shareUrl).then(
          function () { say(copy.dataset.copied || "Link copied to the clipboard."); },
          function () { say(copy.dataset.failed || "Could not copy the link."); }
        );
      });
    }

    var native = section.querySelector(".share-native");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.dataset.shareTitle, url: native.dataset.shareUrl })
          .catch(function () { /* the reader closed the share sheet */ });
      });
    }
  });
})();
