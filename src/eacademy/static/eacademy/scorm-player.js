// The SCORM player: scorm-again (vendored) plays the LMS's part for the package in the frame,
// resumes from the runtime data the page carries, and commits to the address the page names.
(function () {
  "use strict";
  var player = document.getElementById("scorm-player");
  if (!player) { return; }
  var saved = JSON.parse(document.getElementById("scorm-data").textContent || "{}");
  var settings = { lmsCommitUrl: player.dataset.commit, dataCommitFormat: "json", autocommit: true, autocommitSeconds: 30, logLevel: 4 };
  var api;
  if (player.dataset.version === "1.2") {
    api = new window.Scorm12API(settings);
    window.API = api;
  } else {
    api = new window.Scorm2004API(settings);
    window.API_1484_11 = api;
  }
  api.loadFromJSON(saved, "");
  player.querySelector("iframe").src = player.dataset.launch;
})();
