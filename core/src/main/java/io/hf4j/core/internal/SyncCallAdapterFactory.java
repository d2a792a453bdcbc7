package io.hf4j.core.internal;

import io.hf4j.core.HfException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * Lets Retrofit service methods return the decoded body directly (or {@code Response<T>} for headers),
 * executing synchronously and throwing hf4j's typed exceptions.
 */
final class SyncCallAdapterFactory extends CallAdapter.Factory {
  private final HfHttp http;

  SyncCallAdapterFactory(HfHttp http) {
    this.http = http;
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    Class<?> raw = getRawType(returnType);
    if (raw == Call.class) return null;
    if (raw == Response.class) {
      Type inner = getParameterUpperBound(0, (java.lang.reflect.ParameterizedType) returnType);
      return new CallAdapter<Object, Response<Object>>() {
        @Override
        public Type responseType() {
          return inner;
        }

        @Override
        public Response<Object> adapt(Call<Object> call) {
          return execute(call);
        }
      };
    }
    return new CallAdapter<Object, Object>() {
      @Override
      public Type responseType() {
        return returnType;
      }

      @Override
      public Object adapt(Call<Object> call) {
        Response<Object> response = execute(call);
        return response.body();
      }
    };
  }

  private <T> Response<T> execute(Call<T> call) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw http.ioFailure(call.request(), e);
    } catch (RuntimeException e) {
      if (e instanceof HfException) throw e;
      if (e.getCause() instanceof com.squareup.moshi.JsonDataException || e instanceof com.squareup.moshi.JsonDataException) {
        throw new HfException("Unexpected JSON from " + call.request().method() + " "
            + Redaction.path(call.request().url()) + ": " + e.getMessage(), e);
      }
      throw e;
    } catch (Exception e) {
      throw HfHttp.interrupted(call.request(), e);
    }
    if (!response.isSuccessful()) {
      okhttp3.Response raw = response.raw();
      ResponseBody errorBody = response.errorBody();
      okhttp3.Response withBody = raw.newBuilder().body(errorBody).build();
      try (withBody) {
        throw http.exceptionFor(withBody);
      }
    }
    return response;
  }
}
