import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { AuthProvider, userManager } from './auth';
import './styles.css';

// the hidden frame of a silent sign-in only hands the provider's answer to the page that opened it
if (window.location.pathname === '/auth/silent') {
  void userManager().then((manager) => manager.signinSilentCallback());
} else {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}
