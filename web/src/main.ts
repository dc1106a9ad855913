import { mount } from 'svelte';
import { isPhonePage } from '../../shared/phone-page.ts';
import App from './App.svelte';
import './app.css';
import { isAdminPath, isBuildingPath } from './lib/route.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

if (isAdminPath(location.pathname)) {
  // The admin page is its own chunk (MSAL, the Graph client): only this route downloads it.
  import('./admin/admin-page.ts')
    .then(({ mountAdmin }) => mountAdmin(target))
    .catch((error: unknown) => {
      console.error('Lintel could not load the admin page', error);
      target.textContent = 'The admin page could not be loaded from the bridge. Check the connection and reload.';
    });
} else if (isBuildingPath(location.pathname)) {
  // The building overview is its own chunk too: a room display never downloads it.
  import('./building/building-page.ts')
    .then(({ mountBuilding }) => mountBuilding(target))
    .catch((error: unknown) => {
      console.error('Lintel could not load the building overview', error);
      target.textContent = 'The building overview could not be loaded from the bridge. Check the connection and reload.';
    });
} else if (isPhonePage(location.search)) {
  // A phone that scanned a room display's QR code: the room's page made for a phone, in a chunk of its own too.
  import('./phone/phone-page.ts')
    .then(({ mountPhone }) => mountPhone(target))
    .catch((error: unknown) => {
      console.error("Lintel could not load the room's page", error);
      target.textContent = "The room's page could not be loaded. Check the connection and scan the QR code again.";
    });
} else {
  mount(App, { target });
}
