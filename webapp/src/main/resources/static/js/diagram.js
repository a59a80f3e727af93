// Renders the release's procedure with bpmn-js and marks where the release is and has been.
(function () {
  const container = document.getElementById('diagram');
  if (!container || !window.BpmnJS) return;
  const split = (v) => (v || '').split(',').filter(Boolean);
  const viewer = new BpmnJS({ container });
  fetch(container.dataset.diagramUrl, { credentials: 'same-origin' })
    .then((response) => response.text())
    .then((xml) => viewer.importXML(xml))
    .then(() => {
      const canvas = viewer.get('canvas');
      const registry = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport');
      split(container.dataset.done).forEach((id) => registry.get(id) && canvas.addMarker(id, 'done'));
      split(container.dataset.active).forEach((id) => registry.get(id) && canvas.addMarker(id, 'active'));
      container.dataset.rendered = 'true';
    })
    .catch((err) => { container.textContent = 'The diagram could not be shown: ' + err.message; });
})();
