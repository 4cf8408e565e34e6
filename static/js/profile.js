// Profile page: Suggested skills (chips, or a pick in the search list) join the comma-separated skills field.
(function () {
  const field = document.getElementById("id_skills");
  const search = document.getElementById("skill-search");
  const options = document.getElementById("skill-options");
  if (!field) return;
  const add = (skill) => {
    const skills = field.value.split(",").map((s) => s.trim()).filter(Boolean);
    if (!skills.some((s) => s.toLowerCase() === skill.toLowerCase())) skills.push(skill);
    field.value = skills.join(", ");
  };
  document.querySelectorAll(".skill-chip").forEach((chip) => {
    chip.addEventListener("click", () => { add(chip.dataset.skill); chip.remove(); });
  });
  if (search && options) {
    search.addEventListener("change", () => {
      const picked = Array.from(options.options).some((o) => o.value === search.value);
      if (picked) { add(search.value); search.value = ""; }
    });
  }
})();
