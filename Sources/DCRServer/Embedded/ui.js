// jwstool's one script, served by the server itself. Everything on the pages works without it; it only adds:
// reading a file into a text area (picked or dropped), and each time claim in the reader's local time.
"use strict";

function fill(textarea, file) {
  const reader = new FileReader();
  reader.onload = () => { textarea.value = String(reader.result); textarea.focus(); };
  reader.readAsText(file);
}

document.querySelectorAll("input[type=file][data-fills]").forEach((input) => {
  input.addEventListener("change", () => {
    const target = document.getElementById(input.dataset.fills);
    if (target && input.files && input.files[0]) fill(target, input.files[0]);
  });
});

document.querySelectorAll("textarea[data-drop]").forEach((area) => {
  area.addEventListener("dragover", (event) => { event.preventDefault(); area.classList.add("dragging"); });
  area.addEventListener("dragleave", () => area.classList.remove("dragging"));
  area.addEventListener("drop", (event) => {
    area.classList.remove("dragging");
    const files = event.dataTransfer && event.dataTransfer.files;
    if (files && files[0]) { event.preventDefault(); fill(area, files[0]); }
  });
});

document.querySelectorAll("[data-utc]").forEach((cell) => {
  const date = new Date(cell.dataset.utc);
  cell.textContent = isNaN(date.getTime()) ? "—" : date.toLocaleString();
});
