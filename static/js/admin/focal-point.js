// Image admin: click the preview to set the focal point that crops keep.
// Without JavaScript the two number fields still work.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-point-picker");
  const inputX = document.getElementById("id_focal_point_x");
  const inputY = document.getElementById("id_focal_point_y");
  if (!picker || !inputX || !inputY) return;
  const picture = picker.querySelector("img");
  const marker = document.createElement("span");
  marker.className = "focal-point-marker";
  marker.setAttribute("aria-hidden", "true");
  picker.appendChild(marker);

  const place = () => {
    marker.style.left = `${parseFloat(inputX.value || 0.5) * picture.clientWidth}px`;
    marker.style.top = `${parseFloat(inputY.value || 0.5) * picture.clientHeight}px`;
  };
  picture.addEventListener("click", (event) => {
    const box = picture.getBoundingClientRect();
    const clamp = (value) => Math.min(1, Math.max(0, value)).toFixed(3);
    inputX.value = clamp((event.clientX - box.left) / box.width);
    inputY.value = clamp((event.clientY - box.top) / box.height);
    place();
  });
  inputX.addEventListener("input", place);
  inputY.addEventListener("input", place);
  if (picture.complete) place();
  else picture.addEventListener("load", place);
});
