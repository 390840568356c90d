"""The sign-in and sign-out forms: plain HTML forms that post to the auth routes.

They post outside the websocket so that the server's response can set an HttpOnly
cookie. They hold no user content.
"""

from __future__ import annotations

import streamlit as st

_STYLE = """
<style>
.rcw-form {display:flex; flex-direction:column; gap:.6rem; max-width:24rem;}
.rcw-form label {font-size:.875rem; color:inherit;}
.rcw-form input {padding:.55rem .7rem; border:1px solid rgba(49,51,63,.25); border-radius:.5rem;
  font-size:1rem; background:transparent; color:inherit;}
.rcw-form input:focus {outline:2px solid #1f6f8b; border-color:#1f6f8b;}
.rcw-btn {padding:.55rem 1rem; border-radius:.5rem; border:1px solid #1f6f8b; background:#1f6f8b;
  color:#fff; font-size:1rem; cursor:pointer; width:fit-content;}
.rcw-btn.secondary {background:transparent; color:inherit; border-color:rgba(49,51,63,.3);
  font-size:.875rem; padding:.35rem .8rem;}
</style>
"""

_SIGN_IN = """
<form class="rcw-form" method="post" action="auth/login" id="signin-form">
  <label for="rcw-username">Username</label>
  <input id="rcw-username" name="username" autocomplete="username" required autofocus>
  <label for="rcw-password">Password</label>
  <input id="rcw-password" name="password" type="password" autocomplete="current-password" required>
  <button class="rcw-btn" type="submit">Sign in</button>
</form>
"""

_SIGN_OUT = """
<form method="post" action="auth/logout" id="signout-form">
  <button class="rcw-btn secondary" type="submit">Sign out</button>
</form>
"""


def sign_in_form() -> None:
    st.html(_STYLE + _SIGN_IN)


def sign_out_button() -> None:
    st.html(_STYLE + _SIGN_OUT)
